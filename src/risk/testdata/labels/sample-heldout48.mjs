// Draws held-out 48 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 48 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see
// HELDOUT48-README.md, and saved as /tmp/mcp48/cim.json and /tmp/mcp48/cclsp.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout48.mjs --skeleton /tmp/skeleton48.json \
//     openlinksw.com/osdb.json=10 patrowl.local.json=10 eos.local.json=4 pandorabots.com.json=10 \
//     /tmp/mcp48/cim.json@npm:claude-in-mobile@4.4.1=16 /tmp/mcp48/cclsp.json@npm:cclsp@0.7.0=10
// How the counts came about (all counts fixed together before any tool was drawn or any definition read; specs were
// looked at only as operation lists (method and path) and write-operation counts, the servers only as their lists of
// tool names; every drawn tool is labelled):
// one draw of 60 tools: OpenLink Smart Data Bot 10 of 10 (3 writes), PatrOwl engine 10 of 14 (1 write), EOS Net API
// 4 of 4 (4 writes), Pandorabots 10 of 13 (8 writes); claude-in-mobile 16 of 23, cclsp 10 of 12. No top-up.
await import('./sample-draw.mjs');
