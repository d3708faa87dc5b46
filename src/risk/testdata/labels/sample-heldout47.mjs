// Draws held-out 47 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 47 (after `npm run build`; the MCP listing was taken with `tools/list` over stdio, see HELDOUT47-README.md,
// and saved as /tmp/mcp47/aicoin.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout47.mjs --skeleton /tmp/skeleton47.json \
//     corrently.io.json=15 contentgroove.com.json=9 pdfgeneratorapi.com.json=8
//   node <repo>/src/risk/testdata/labels/sample-heldout47.mjs --skeleton /tmp/skeleton47m.json \
//     /tmp/mcp47/aicoin.json@npm:@aicoin/opendata-mcp@2.1.0=8
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and write-operation counts, the server only as tool names, before the draw; every drawn tool is
// labelled):
// 1. first draw of 32 OpenAPI operations: Corrently.io 15 of 26 (10 writes), ContentGroove 9 of 15 (8 writes), PDF
//    Generator API 8 of 11 (8 writes); planned as OpenAPI only for lack of time (started 01:36 UTC, deadline
//    02:15 UTC).
// 2. second draw, 8 MCP tools of @aicoin/opendata-mcp@2.1.0 (8 of 31), fixed as the remainder to 40 (the top of the
//    30-40 asked for a late start) after its listing (tool names only) was seen and before any definition was read.
// Total 40: 8 MCP tools (one server), 32 operations of three specs. No further top-up.
await import('./sample-draw.mjs');
