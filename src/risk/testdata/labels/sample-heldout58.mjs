// Draws held-out 58 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 58 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio with the network cut,
// see HELDOUT58-README.md, and saved as /tmp/mcp58/ie.json and /tmp/mcp58/fb.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout58.mjs --skeleton /tmp/skeleton58m.json \
//     /tmp/mcp58/ie.json@npm:@wizardingcode/invoiceexpress-mcp@1.0.0=18 \
//     /tmp/mcp58/fb.json@npm:@goodsamsoftware/freshbooks-mcp@1.0.38=4
//   node <repo>/src/risk/testdata/labels/sample-heldout58.mjs --skeleton /tmp/skeleton58.json \
//     listennotes.com.json=10 tomtom.com/search.json=9 aiception.com.json=7 logoraisr.com.json=6 zalando.com.json=6
// How the counts came about (all fixed together in one step, before any tool definition was seen; the servers were
// looked at only as tool-name lists and the specs only as operation and write-operation counts; every drawn tool is
// labelled):
// 1. MCP: @wizardingcode/invoiceexpress-mcp@1.0.0 18 of 61, @goodsamsoftware/freshbooks-mcp@1.0.38 4 of 4 (its
//    published build lists only its four sign-in tools without an account).
// 2. OpenAPI: Listen Notes 10 of 24 (4 writes), TomTom Search 9 of 19 (4 writes), AIception 7 of 10 (5 writes),
//    logoraisr 6 of 10 (3 writes), Zalando Shop 6 of 20 (0 writes).
// Total 60: 22 MCP tools (two servers), 38 operations of five specs (five providers). No top-up.
await import('./sample-draw.mjs');
