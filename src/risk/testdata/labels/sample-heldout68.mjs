// Draws held-out 68 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 68 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, network cut, see
// HELDOUT68-README.md, and saved as /tmp/mcp68/unch.json and /tmp/mcp68/merch.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout68.mjs --skeleton /tmp/skeleton68m.json \
//     /tmp/mcp68/unch.json@npm:@unchainedshop/api@4.8.27=9 \
//     /tmp/mcp68/merch.json@npm:merchant-categories-mcp@0.0.1-alpha.2=8
//   node <repo>/src/risk/testdata/labels/sample-heldout68.mjs --skeleton /tmp/skeleton68o.json \
//     consumerfinance.gov.json=6 wheretocredit.com.json=2 sonar.trading.json=4 cnab-online.herokuapp.com.json=4 \
//     openfigi.com.json=2 paccurate.io.json=1 placekit.co.json=2 apigee.net/marketcheck-cars.json=22
// How the counts came about (all fixed together in one step, before any tool definition was seen; the servers were
// looked at only as tool-name lists and the specs only as operation and write-operation counts; every drawn tool is
// labelled):
// 1. MCP: all 9 tools of @unchainedshop/api@4.8.27 (its MCP module, 9 tools) and all 8 of
//    merchant-categories-mcp@0.0.1-alpha.2 (8 tools): 17, the only fresh money-related servers that the registry
//    mirror held and that listed offline.
// 2. OpenAPI: every operation of the small fresh money specs (CFPB 6 of 6, Where to Credit 2 of 2 (1 write), Sonar
//    Trading 4 of 4, CNAB Online 4 of 4 (1 write), OpenFIGI 2 of 2 (1 write)), two small fresh specs with writes
//    (paccurate 1 of 1 (1 write), PlaceKit 2 of 2 (2 writes)), and the remainder to the cap of 60 from Marketcheck
//    cars (22 of 71, 3 writes).
// Total 60: 17 MCP tools (two servers), 43 operations of eight specs. No top-up.
await import('./sample-draw.mjs');
