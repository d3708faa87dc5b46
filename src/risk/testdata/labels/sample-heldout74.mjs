// Draws held-out 74 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 74 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, network cut, see
// HELDOUT74-README.md, and saved as /tmp/mcp74/ad.json, /tmp/mcp74/cf.json and /tmp/mcp74/sm.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout74.mjs --skeleton /tmp/skeleton74m.json \
//     /tmp/mcp74/ad.json@npm:agent-device@0.21.5=16 /tmp/mcp74/cf.json@npm:@claude-flow/cli@3.42.5=22 \
//     /tmp/mcp74/sm.json@npm:@modelcontextprotocol/server-system-monitor@2.0.3=2
//   node <repo>/src/risk/testdata/labels/sample-heldout74.mjs --skeleton /tmp/skeleton74o.json \
//     exude-api.herokuapp.com.json=2 worldtimeapi.org.json=4 tisane.ai.json=4 wmata.com/incidents.json=4
// How the counts came about (all counts fixed together before any tool definition was read; the servers were looked
// at only as tool-name lists and the specs only as operation lists; every drawn tool is labelled):
// 1. MCP: agent-device 16 of 57, @claude-flow/cli 22 of 353, server-system-monitor 2 of 2 (40 MCP tools, the most
//    from the two servers whose name lists show writes).
// 2. OpenAPI: Exude 2 of 2 (2 writes), World Time API 4 of 12 (0 writes), Tisane 4 of 6 (0 writes), WMATA Incidents
//    4 of 6 (0 writes): 14 operations; no fresh infrastructure spec was left in the directory.
// Total 54: 40 MCP tools (three servers), 14 operations of four specs (four providers). No top-up.
await import('./sample-draw.mjs');
