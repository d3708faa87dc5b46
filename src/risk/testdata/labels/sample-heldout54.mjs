// Draws held-out 54 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 54 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT54-README.md,
// and saved as /tmp/mcp54/scan.json and /tmp/mcp54/greptile.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout54.mjs --skeleton /tmp/skeleton54.json \
//     firmalyzer.com/iotvas.json=8 magick.nu.json=8 obono.at.json=12 wealthreader.com.json=3 truanon.com.json=2 \
//     /tmp/mcp54/scan.json@npm:agent-security-scanner-mcp@4.5.9=18 \
//     /tmp/mcp54/greptile.json@npm:greptile-mcp-server@3.0.4=5
// How the counts came about (all counts fixed together, in one step, before any tool definition was seen; the specs
// were looked at only as operation lists (method, path, operationId) and the servers only as tool-name lists):
// 1. OpenAPI: IoTVAS 8 of 8 (1 write), Tradeworks 8 of 8 (5 writes), obono RKSV 12 of 18 (2 writes), Wealth Reader
//    3 of 3 (1 write), TruAnon 2 of 2 (0 writes): 33 operations, five specs, five providers.
// 2. MCP: agent-security-scanner-mcp 18 of 23, greptile-mcp-server 5 of 5: 23 tools, two servers.
// Total 56. No top-up.
await import('./sample-draw.mjs');
