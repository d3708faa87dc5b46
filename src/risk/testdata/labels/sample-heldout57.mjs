// Draws held-out 57 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 57 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT57-README.md,
// and saved as /tmp/mcp57/{memdata,spider,fr24,deepl}.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout57.mjs --skeleton /tmp/skeleton57.json \
//     api2pdf.com.json=9 rev.ai.json=7 va.gov/benefits.json=6 zappiti.com.json=7 orghunter.com.json=6
//   node <repo>/src/risk/testdata/labels/sample-heldout57.mjs --skeleton /tmp/skeleton57m.json \
//     /tmp/mcp57/memdata.json@npm:memdata-mcp@1.8.0=8 /tmp/mcp57/spider.json@npm:spider-cloud-mcp@1.2.2=8 \
//     /tmp/mcp57/fr24.json@npm:@flightradar24/fr24api-mcp@1.0.2=6 /tmp/mcp57/deepl.json@npm:deepl-mcp-server@0.1.3-beta.0=3
// How the counts came about (all counts fixed together in one step, before any tool definition was seen; specs were
// looked at only as operation and write-operation counts, servers only as tool-name lists; every drawn tool is
// labelled):
// 1. OpenAPI, 35 operations, every operation of five small specs: Api2Pdf 9 of 9 (6 writes), Rev.ai 7 of 7 (2 writes),
//    VA Benefits Intake 6 of 6 (4 writes), Zappiti Player 7 of 7 (7 writes), OrgHunter 6 of 6 (6 writes).
// 2. MCP, 25 tools of four servers: memdata-mcp 8 of 10, spider-cloud-mcp 8 of 13, @flightradar24/fr24api-mcp 6 of 15,
//    deepl-mcp-server 3 of 5 (larger shares for the servers whose tool names suggest writes or outside effects).
// Total 60: 25 MCP tools (four servers), 35 operations of five specs (five providers). No top-up.
await import('./sample-draw.mjs');
