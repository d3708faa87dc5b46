// Draws held-out 99 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 99 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT99-README.md,
// and saved as /tmp/mcp99/openmeteo.json and /tmp/mcp99/openlibrary.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout99.mjs --skeleton /tmp/skeleton99.json \
//     /tmp/mcp99/openmeteo.json@npm:open-meteo-mcp-server@1.1.3=17 \
//     /tmp/mcp99/openlibrary.json@npm:@geobio/mcp-open-library@0.1.6=6
// How the counts came about (fixed together at 22:37 UTC before any tool definition of these servers was read; they
// were looked at only as their lists of tool names, 17 and 6; every drawn tool is labelled):
// 1. a first source (a payments server, 64 tools) was drawn and labelled, then withdrawn when the final freshness
//    check found its product named in an earlier HELDOUT*-README.md; none of its labels is in this set (see
//    HELDOUT99-README.md).
// 2. with about 45 minutes left and no fresh server with writes found on the registry mirror, every tool of two fresh
//    read-only servers: open-meteo-mcp-server@1.1.3 (17 of 17) and @geobio/mcp-open-library@0.1.6 (6 of 6).
// Total 23: 23 MCP tools (two servers). No top-up.
await import('./sample-draw.mjs');
