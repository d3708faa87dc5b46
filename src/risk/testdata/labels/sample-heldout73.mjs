// Draws held-out 73 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 73 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio under `unshare -rn`,
// see HELDOUT73-README.md, and saved as /tmp/mcp73/onshape.json, /tmp/mcp73/gasoline.json, /tmp/mcp73/echarts.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout73.mjs --skeleton /tmp/skeleton73m.json \
//     /tmp/mcp73/onshape.json@npm:@onshape-mcp/linux-x64@0.5.2=11 /tmp/mcp73/gasoline.json@npm:gasoline-mcp@0.7.9=5 \
//     /tmp/mcp73/echarts.json@npm:mcp-echarts@0.7.1=14
//   node <repo>/src/risk/testdata/labels/sample-heldout73.mjs --skeleton /tmp/skeleton73o.json \
//     deeparteffects.com.json=3 selectpdf.com.json=1 tinyuid.com.json=1 wso2apistore.com/transform.json=2 \
//     skynewz-api-fortnite.herokuapp.com.json=6
//   node <repo>/src/risk/testdata/labels/sample-heldout73.mjs --skeleton /tmp/skeleton73p.json \
//     asuarez.dev/searchly.json=3 wordassociations.net.json=2
// How the counts came about (each count fixed before the tools it adds were drawn; specs and servers were looked at
// only as operation lists / tool names and write-operation counts before the draw; every drawn tool is labelled):
// 1. first draw of 48 tools, all counts fixed together after the three servers' tool-name lists and the six specs'
//    operation lists were seen and before any definition was read: the two small servers whole (11 of 11, 5 of 5),
//    the chart server 14 of 18 to bring the MCP part to 30; five tiny specs whole and the Fortnite spec 6 of 9 to end
//    near 48, a size chosen for the time left. One of the six specs (5 operations) turned out to be claimed by another
//    labeller a moment before this set's claim; it was withdrawn unlabelled and is not in the commands above.
// 2. second draw, 5 operations to replace it, fixed as two whole tiny specs (3 of 3, 2 of 2) after their operation
//    lists were seen and before any definition was read. Total 48. No other top-up.
await import('./sample-draw.mjs');
