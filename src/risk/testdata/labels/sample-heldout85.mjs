// Draws held-out 85 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 85 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, network cut, see
// HELDOUT85-README.md, and saved as /tmp/mcp85/seo.json and /tmp/mcp85/curl.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout85.mjs --skeleton /tmp/skeleton85m.json \
//     /tmp/mcp85/seo.json@npm:dataforseo-mcp-server@3.1.1=4 \
//     /tmp/mcp85/curl.json@npm:@mcp-get-community/server-curl@0.1.0=1
//   node <repo>/src/risk/testdata/labels/sample-heldout85.mjs --skeleton /tmp/skeleton85o.json \
//     funtranslations.com/index.json=12 haloapi.com/metadata.json=10 balldontlie.io.json=7 covid19-api.com.json=6
// How the counts came about (each count fixed before the tools it adds were drawn; specs and servers were looked at
// only as operation lists / tool names and write-operation counts before the draw; every drawn tool is labelled):
// 1. MCP: both servers taken whole (4 of 4 and 1 of 1), the only fresh npm MCP servers with unclaimed, unnamed
//    products found in time; two other candidates were already claimed by labeller 88 and one wraps named providers.
// 2. OpenAPI: no unnamed, unclaimed spec of the directory has any write operation, so four read-only specs were taken,
//    counts fixed together from operation counts only: 12 of 36, 10 of 37, 7 of 7, 6 of 9.
// Total 40: 5 MCP tools (two servers), 35 operations of four specs (four providers). No top-up.
await import('./sample-draw.mjs');
