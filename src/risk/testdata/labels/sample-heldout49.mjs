// Draws held-out 49 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 49 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT49-README.md,
// and saved as /tmp/mcp49/kg.json and /tmp/mcp49/mb.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout49.mjs --skeleton /tmp/skeleton49.json \
//     visagecloud.com.json=15 cdcgov.local/prime-data-hub.json=9 peoplefinderspro.com.json=5 \
//     naviplancentral.com/plan.json=6
//   node <repo>/src/risk/testdata/labels/sample-heldout49.mjs --skeleton /tmp/skeleton49m.json \
//     /tmp/mcp49/kg.json@npm:@itseasy21/mcp-knowledge-graph@1.0.7=11 /tmp/mcp49/mb.json@npm:@allpepper/memory-bank-mcp@0.2.2=5
//   node <repo>/src/risk/testdata/labels/sample-heldout49.mjs --skeleton /tmp/skeleton49n.json notion.com.json=9
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation / write / delete counts and the servers only as tool-name lists; every drawn tool is labelled):
// 1. first draw, six counts fixed together before any tool definition was seen: VisageCloud 15 of 52 (30 writes),
//    Prime ReportStream 9 of 13 (7 writes), People Finders Pro 5 of 5 (5 writes), NaviPlan 6 of 64 (10 writes),
//    mcp-knowledge-graph 11 of 11, memory-bank-mcp 5 of 5 (51 tools; planned below 60 for lack of time).
// 2. second draw, Notion API 9 of 13 (6 writes), fixed as the remainder to the cap of 60 once the first draw was
//    labelled early, from its operation counts only.
// Total 60: 16 MCP tools (two servers), 44 operations of five specs (five providers).
await import('./sample-draw.mjs');
