// Draws held-out 29 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 29 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio (`tools/list`)
// from the npm packages (each installed with --ignore-scripts) with dummy credentials and no network (`unshare -n`),
// `env -i` with HOME set to a scratch folder, each started in an empty scratch folder:
// @niyogi/render-mcp@1.0.1 (`start`, RENDER_API_KEY=rnd_dummy; 8 tools); edgeone-pages-mcp@0.0.16
// (EDGEONE_PAGES_API_TOKEN/PROJECT_NAME dummy; 2 tools); ios-simulator-mcp@2.1.0 (no settings; 17 tools);
// airtable-mcp-server@1.14.0 (AIRTABLE_API_KEY dummy; 16 tools); nothing was reachable and no call other than
// initialize and tools/list was made):
//   node <repo>/src/risk/testdata/labels/sample-heldout29.mjs --skeleton /tmp/skeleton29.json \
//     clickmeter.com.json=17 onsched.com/setup.json=15 import.io/run.json=2 import.io/schedule.json=4 \
//     render.json@npm:@niyogi/render-mcp@1.0.1=8 edgeone.json@npm:edgeone-pages-mcp@0.0.16=2 \
//     ios.json@npm:ios-simulator-mcp@2.1.0=17 airtable.json@npm:airtable-mcp-server@1.14.0=15
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and keyword counts before a draw, MCP listings as tool names; every drawn tool of a kept source is
// labelled):
// 1. first draw of 80 tools, the cap, all counts fixed before any tool was drawn: Render all 8, EdgeOne Pages all 2,
//    @agent-infra/mcp-server-commands@1.2.18 all 2, ios-simulator-mcp all 17, airtable-mcp-server 15 (of 16) (44 MCP
//    tools); ClickMeter 15 (of 104), OnSched Setup 15 (of 138), import.io run all 2 and schedule all 4 (36 operations).
// 2. the freshness check, run on that list, found @agent-infra/mcp-server-commands to be a fork of
//    mcp-server-commands (used in an earlier set: the same `run_command` text): withdrawn whole (its 2 tools
//    discarded, none kept). One top-up of 2, fixed before its tools were seen, to return to the cap: ClickMeter 15 -> 17
//    (the longer prefix of the same SHA-256 order; the first 15 unchanged). Total 80: 42 MCP tools, 38 operations.
await import('./sample-draw.mjs');
