// Draws held-out 93 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 93 (after `npm run build`; each MCP listing was taken with `tools/list` over stdio, network cut, see
// HELDOUT93-README.md, and saved under /tmp/mcp93/listings/):
//   node <repo>/src/risk/testdata/labels/sample-heldout93.mjs --skeleton /tmp/skeleton93.json \
//     /tmp/mcp93/listings/orchestrator-claude.json@npm:@orchestrator-claude/mcp-server@3.37.3=26 \
//     /tmp/mcp93/listings/bitcompass.json@npm:bitcompass@0.16.1=7 \
//     /tmp/mcp93/listings/slop.json@npm:@standardbeagle/slop-mcp@0.15.0=7 \
//     /tmp/mcp93/listings/google-ads.json@npm:@trueclicks/google-ads-mcp-js@0.3.7=2
//   node <repo>/src/risk/testdata/labels/sample-heldout93.mjs --skeleton /tmp/skeleton93b.json \
//     /tmp/mcp93/listings/knip.json@npm:@knip/mcp@0.0.36=2
// How the counts came about (each count fixed before the tools it adds were drawn, after the listings were seen as
// tool names only and before any definition was read; every drawn tool is labelled):
// 1. first draw, the four counts fixed together: 26 of 70 for the orchestrator server (about half its names are
//    create/update/delete/start/complete), 7 of 9 for bitcompass (post/update/delete/pull among its names), 7 of 10 for
//    slop-mcp (execute/run/manage/auth among its names), 2 of 2 for the Google Ads server (all it has). 42 tools.
// 2. second draw, after the first was labelled and time was left: 2 of 2 for the Knip server (all it has), the one
//    further fresh candidate found unclaimed (a code-search server with index/clear tools had just been claimed by
//    another labeller).
// Total 44, MCP only (five servers), inside the 40-60 aim for a start before 19:50. No other top-up.
await import('./sample-draw.mjs');
