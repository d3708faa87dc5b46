// Draws held-out 66 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 66 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT66-README.md,
// and saved as /tmp/mcp66/recipe.json and /tmp/mcp66/datacore.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout66.mjs --skeleton /tmp/skeleton66m.json \
//     /tmp/mcp66/recipe.json@npm:recipe-mcp@1.1.2=25 /tmp/mcp66/datacore.json@npm:@datacore-one/mcp@2.1.0=5
//   node <repo>/src/risk/testdata/labels/sample-heldout66.mjs --skeleton /tmp/skeleton66o.json \
//     who-hosts-this.com.json=2 nic.at/domainfinder.json=1 proxykingdom.com.json=1 bigdatacloud.net.json=2
// How the counts came about (each count fixed before the tools it adds were drawn; the servers were looked at only as
// tool-name lists and the specs only as operation and write-operation counts before the draw; every drawn tool is
// labelled): all counts fixed together at 10:27 UTC, about 18 minutes before the deadline, after the search for fresh
// infrastructure sources had come up empty: recipe-mcp 25 of 32 tools, @datacore-one/mcp all 5, and every operation of
// four small fresh network-lookup specs (2 + 1 + 1 + 2, none with writes). Total 36. No top-up.
await import('./sample-draw.mjs');
