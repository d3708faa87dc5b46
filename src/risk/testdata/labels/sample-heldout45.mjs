// Draws held-out 45 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 45 (after `npm run build`; the MCP listing was taken with `tools/list` over stdio, see HELDOUT45-README.md,
// and saved as /tmp/mcp45/shrimp.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout45.mjs --skeleton /tmp/skeleton45.json \
//     izettle.com/products.json=15 rbaskets.in.json=12 truora.com.json=13 netatmo.net.json=10
//   node <repo>/src/risk/testdata/labels/sample-heldout45.mjs --skeleton /tmp/skeleton45m.json \
//     /tmp/mcp45/shrimp.json@npm:@tosin2013/mcp-shrimp-task-manager@1.1.3=10
// How the counts came about (each count fixed before the tools it adds were drawn; specs and the server were looked at
// only as operation lists / tool names and write-operation counts before the draw; every drawn tool is labelled):
// 1. first draw of 50 OpenAPI operations, the counts fixed together before any tool was seen: iZettle Product Library
//    15 of 32 (16 writes), Request Baskets 12 of 20 (10 writes), Truora Checks 13 of 25 (13 writes), Netatmo 10 of 22
//    (6 writes); the set was at first planned as OpenAPI only for lack of time.
// 2. second draw, 10 MCP tools of @tosin2013/mcp-shrimp-task-manager@1.1.3 (10 of 18), fixed as the remainder to the
//    cap of 60 after its listing (tool names only) was seen and before any definition was read.
// Total 60: 10 MCP tools (one server), 50 operations of four specs (four providers). No top-up.
await import('./sample-draw.mjs');
