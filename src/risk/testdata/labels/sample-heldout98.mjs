// Draws held-out 98 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 98 (after `npm run build`; the MCP listing was taken with `tools/list` over stdio, see HELDOUT98-README.md,
// and saved as /tmp/mcp98/cyberpanel.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout98.mjs --skeleton /tmp/skeleton98.json \
//     /tmp/mcp98/cyberpanel.json@npm:cyberpanel-mcp@1.0.5=40
// How the count came about (fixed before any tool definition was read; the server was looked at only as its list of
// 203 tool names before the draw; every drawn tool is labelled):
// 1. one draw of 40 MCP tools of cyberpanel-mcp@1.0.5 (40 of 203), the count fixed as the aim of 40 for a set started
//    at 19:27 UTC once the source search (19:27-19:46) had found no second fresh server that installs and lists.
// Total 40: 40 MCP tools (one server). No top-up.
await import('./sample-draw.mjs');
