// Draws held-out 78 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 78 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio under `unshare -rn`,
// see HELDOUT78-README.md, and saved as /tmp/mcp78/minio78.json, /tmp/mcp78/clickhouse78.json and
// /tmp/mcp78/typescript78.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout78.mjs --skeleton /tmp/skeleton78m.json \
//     /tmp/mcp78/minio78.json@npm:@pickstar-2002/minio-mcp@1.1.2=19 \
//     /tmp/mcp78/clickhouse78.json@npm:clickhouse-mcp-server@0.1.8=3
//   node <repo>/src/risk/testdata/labels/sample-heldout78.mjs --skeleton /tmp/skeleton78o.json \
//     uspto.gov/bdss.json=7 rapidapi.com/dynamicdocs.json=1 scideas.net/perfectpdf.json=1 easypdfserver.com.json=1 \
//     openindex.ai.json=1 ip2whois.com.json=1 simplyrets.com.json=4 opendatanetwork.com.json=4
//   node <repo>/src/risk/testdata/labels/sample-heldout78.mjs --skeleton /tmp/skeleton78t.json \
//     /tmp/mcp78/typescript78.json@npm:typescript-mcp@0.0.14=12
// How the counts came about (each count fixed before the tools it adds were drawn; specs and servers were looked at
// only as operation lists / tool names and write-operation counts before the draw; every drawn tool is labelled):
// 1. first draw of 42 tools (the first two commands), all counts fixed together after the two servers' tool-name lists
//    and the eight specs' operation lists were seen and before any definition was read: both servers whole (19 of 19,
//    3 of 3), no third fresh npm server that listed offline having been found yet; the six tiny specs whole, the
//    listings spec 4 of 4 and the open-data spec 4 of 9, to end near 42, a size chosen for the time then thought left.
// 2. second draw, 12 MCP tools of a third server found after the first draw (the third command), fixed as the whole
//    server (12 of 12) after its tool-name list was seen and before any of its definitions was read, to bring the MCP
//    part over 30. Total 54. No other top-up.
await import('./sample-draw.mjs');
