// Draws held-out 53 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 53 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT53-README.md,
// and saved as /tmp/mcp53/tradingview.json and /tmp/mcp53/stockquotes.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout53.mjs --skeleton /tmp/skeleton53.json \
//     change.local.json=8 openfintech.io.json=12 nfusionsolutions.biz.json=12 tokenmetrics.com.json=12
//   node <repo>/src/risk/testdata/labels/sample-heldout53.mjs --skeleton /tmp/skeleton53m.json \
//     /tmp/mcp53/tradingview.json@npm:tradingview-mcp-server@0.7.1=12 /tmp/mcp53/stockquotes.json@npm:stockquotes-mcp@1.0.29=4
// How the counts came about (all counts fixed together before any tool definition was seen; the specs were looked at
// only as operation lists and write-operation counts, the servers only as tool-name lists; every drawn tool is
// labelled):
// 1. MCP: every tool of both servers (12 of 12 and 4 of 4), to reach the asked 15 MCP tools; a third server
//    (financial-modeling-prep-mcp-server@2.6.12) was dropped before listing because it does not install.
// 2. OpenAPI: the remainder to 60 over four specs: Change donations API 8 of 8 (its one write), OpenFinTech.io 12 of 18,
//    nFusion Solutions Market Data 12 of 17, Token Metrics 12 of 14 (these three have no writes).
// Total 60: 16 MCP tools (two servers), 44 operations of four specs (four providers). No top-up.
await import('./sample-draw.mjs');
