// Draws held-out 63 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 63 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see
// HELDOUT63-README.md, and saved as /tmp/mcp63/svg.json, /tmp/mcp63/lc.json, /tmp/mcp63/calc.json, /tmp/mcp63/aid.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout63.mjs --skeleton /tmp/skeleton63.json \
//     languagetool.org.json=5 quickchart.io.json=4 icons8.com.json=6 opendatasoft.com.json=8 wikipathways.org.json=8
//   node <repo>/src/risk/testdata/labels/sample-heldout63.mjs --skeleton /tmp/skeleton63m.json \
//     /tmp/mcp63/svg.json@npm:@genwave/svgmaker-mcp@0.3.1=3 /tmp/mcp63/lc.json@npm:@jinzcdev/leetcode-mcp-server@1.4.0=6 \
//     /tmp/mcp63/calc.json@npm:@coo-quack/calc-mcp@2.1.1=8
//   node <repo>/src/risk/testdata/labels/sample-heldout63.mjs --skeleton /tmp/skeleton63a.json \
//     /tmp/mcp63/aid.json@npm:@ai-devkit/memory@0.20.1=3
// How the counts came about (each count fixed before any definition of its source was seen; specs and servers were
// looked at only as operation counts / write-operation counts and MCP tool-name lists; every drawn tool is labelled):
// 1. first draw of 48, all counts fixed together: the labeller started at 08:11 UTC with a 08:45 deadline, so the
// set was planned at 48 rather than 60. Fresh
// OpenAPI specs with write operations are nearly exhausted, so the five specs are small or read-mostly: LanguageTool
// 5 of 5 (3 non-GET), QuickChart 4 of 4 (2 non-GET), Icons8 6 of 8 (2 non-GET), Opendatasoft 8 of 36 (1 non-GET),
// WikiPathways 8 of 27 (1 non-GET). MCP: SVGMaker 3 of 3, LeetCode 6 of 9 (listing without a session), calc-mcp 8 of
// 21.
// 2. top-up when the first 48 were labelled with time left: one more MCP server with writes, @ai-devkit/memory
// 3 of 3 (its listing has 3 tools), fixed after its tool-name listing and before any definition was read
// (@jungjaehoon/mama-server was tried first and did not list: native better-sqlite3 not built with --ignore-scripts).
// Total 51: 20 MCP tools (four servers), 31 operations of five specs.
await import('./sample-draw.mjs');
