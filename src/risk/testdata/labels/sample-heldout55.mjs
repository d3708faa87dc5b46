// Draws held-out 55 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 55 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT55-README.md,
// and saved as /tmp/mcp55/lara.json, exc.json, ableton.json and dex.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout55.mjs --skeleton /tmp/skeleton55m.json \
//     /tmp/mcp55/lara.json@npm:@translated/lara-mcp@1.0.6=12 /tmp/mcp55/exc.json@npm:excalidraw-mcp@1.0.0=8 \
//     /tmp/mcp55/ableton.json@npm:ableton-cookbook-mcp@0.1.6=8 /tmp/mcp55/dex.json@npm:@zeeg/dex@0.16.0=3
//   node <repo>/src/risk/testdata/labels/sample-heldout55.mjs --skeleton /tmp/skeleton55o.json \
//     digitallinguistics.io.json=12 exlibrisgroup.com/tasklists.json=7 climate.com.json=10
// How the counts came about (all seven counts fixed together in one plan before any tool definition of any source was
// read; the servers were looked at only as tool-name lists and the specs only as operation lists with write counts;
// every drawn tool is labelled):
// 1. MCP, 31 tools of four servers: Lara Translate 12 of 22 (about half; 13 of its names change things), excalidraw-mcp
//    8 of 11, ableton-cookbook-mcp 8 of 17 (mostly reads by name), dex all 3 of 3 (a server of three tools).
// 2. OpenAPI, 29 operations of three specs: DLx 12 of 18 (12 writes), Ex Libris task lists 7 of 10 (5 writes), Climate
//    FieldView 10 of 26 (6 writes), the remainder to the cap of 60 split by size.
// Total 60: 31 MCP tools (four servers), 29 operations of three specs (three providers). No top-up.
await import('./sample-draw.mjs');
