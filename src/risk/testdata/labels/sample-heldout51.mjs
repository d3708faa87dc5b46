// Draws held-out 51 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 51 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, network cut, see
// HELDOUT51-README.md, and saved as /tmp/mcp51/{gtasks,tryll,udb,apicreate,deepseek}.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout51.mjs --skeleton /tmp/skeleton51m.json \
//     /tmp/mcp51/gtasks.json@npm:@alvincrave/gtasks-mcp@0.2.0=8 \
//     /tmp/mcp51/tryll.json@npm:tryll-dataset-builder-mcp@1.3.1=14 \
//     /tmp/mcp51/udb.json@npm:universal-db-mcp@2.14.0=7 \
//     /tmp/mcp51/apicreate.json@npm:api-create-mcp@1.5.2=4
//   node <repo>/src/risk/testdata/labels/sample-heldout51.mjs --skeleton /tmp/skeleton51o.json \
//     jokes.one.json=7 warwick.ac.uk/enterobase.json=8 infermedica.com.json=6 apisetu.gov.in/edistrictkerala.json=6
//   node <repo>/src/risk/testdata/labels/sample-heldout51.mjs --skeleton /tmp/skeleton51d.json \
//     /tmp/mcp51/deepseek.json@npm:deepseek-mcp-server@1.0.1=8
// (the 8 Google Tasks tools of the first command were withdrawn, see 3. below; they are not in heldout51.json)
// How the counts came about (all eight counts fixed together in one step, before any tool definition was seen; the
// servers were looked at only as tool-name lists and the specs only as operation and write-operation counts; every
// drawn tool of a used source is labelled):
// 1. MCP (33): Google Tasks server 8 of 9 (5 writes by name; withdrawn, see 3.), Tryll Dataset Builder 14 of 28,
//    universal-db-mcp 7 of 9, api-create-mcp 4 of 4 (all of it: a small server).
// 2. OpenAPI (27): Jokes One 7 of 12 (5 writes), EnteroBase 8 of 26 (9 writes), Infermedica 6 of 20 (7 writes),
//    API Setu eDistrict Kerala 6 of 24 (24 POSTs).
// 3. After the draw and a first labelling, the final freshness check showed the Google Tasks server wraps a Google API
//    (googleapis.com, a provider with many specs and servers in dev.json): its 8 drawn tools were withdrawn, not
//    relabelled, and replaced by one fresh server, deepseek-mcp-server 8 of 11 (6 writes or paid calls by name), the
//    count fixed as the withdrawn 8 after its tool-name listing and before any definition was read.
// Total 60: 33 MCP tools (four servers), 27 operations of four specs (four providers). No other top-up.
await import('./sample-draw.mjs');
