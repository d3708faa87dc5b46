// Draws held-out 52 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 52 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT52-README.md,
// and saved as /tmp/mcp52/autotel.json, /tmp/mcp52/ymcp.json and /tmp/mcp52/omni.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout52.mjs --skeleton /tmp/skeleton52.json \
//     browshot.com.json=13 synq.fm.json=7 botify.com.json=8 visiblethread.com.json=6
//   node <repo>/src/risk/testdata/labels/sample-heldout52.mjs --skeleton /tmp/skeleton52m.json \
//     /tmp/mcp52/autotel.json@npm:autotel-mcp@0.8.0=12 /tmp/mcp52/ymcp.json@npm:ymcp_manager@0.1.5=9 \
//     /tmp/mcp52/omni.json@npm:omnifocus-mcp@1.16.0=5
// How the counts came about (all seven counts fixed together, in one step, before any tool definition of any source
// was seen; the specs were looked at only as operation lists and write-operation counts, the servers only as their
// tool-name lists; every drawn tool is labelled):
// - Browshot 13 of 17 (1 write), SYNQ Video 7 of 7 (7 writes), Botify 8 of 26 (6 writes), VisibleThread 6 of 12
//   (4 writes): 34 OpenAPI operations of four specs;
// - autotel-mcp 12 of 43, ymcp_manager all 9, omnifocus-mcp 5 of 12: 26 MCP tools of three servers.
// Total 60. No top-up, nothing dropped.
await import('./sample-draw.mjs');
