// Draws held-out 97 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 97 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see
// HELDOUT97-README.md, and saved as /tmp/mcp97/e.json, /tmp/mcp97/c.json and /tmp/mcp97/a.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout97.mjs --skeleton /tmp/skeleton97.json \
//     /tmp/mcp97/e.json@npm:@epic-web/workshop-mcp@6.90.33=18 \
//     /tmp/mcp97/c.json@npm:x-readiness-mcp@0.5.2=3 \
//     /tmp/mcp97/a.json@npm:merchant_001@1.0.16=2
// How the counts came about (each count fixed before the tools it adds were drawn; the servers were looked at only as
// tool-name lists before the draw; every drawn tool is labelled):
// one draw of 23 MCP tools, the counts fixed together after the three tool-name listings and before any definition
// was read: every tool of each server (18 of 18, 3 of 3, 2 of 2), because the labeller started late, sources were
// scarce and the three servers together held fewer tools than the aim of 40; a census needs no choice among tools.
// Total 23: 23 MCP tools (three servers), no OpenAPI operations. No top-up.
await import('./sample-draw.mjs');
