// Draws held-out 32 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 32 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio (`tools/list`)
// from the npm packages (each installed with --ignore-scripts into its own scratch folder) with dummy credentials and
// no network (`unshare -n`), `env -i` with HOME set to a scratch folder, each started in an empty scratch folder:
// @simonecoelhosfo/optimizely-mcp-server@2.2.78 started as `node dist/index.js` with OPTIMIZELY_API_TOKEN and
// OPTIMIZELY_PROJECT_IDS set to dummy values (30 tools); todoist-mcp@1.3.4 with TODOIST_API_KEY/API_KEY dummy (36
// tools); openclaw-mcp@1.7.0 with OPENCLAW_URL set to a closed loopback port and OPENCLAW_GATEWAY_TOKEN dummy (7
// tools); minimax-mcp-js@0.0.18 with MINIMAX_API_KEY dummy (9 tools); @gleanwork/local-mcp-server@0.7.6 with
// GLEAN_INSTANCE and GLEAN_API_TOKEN dummy (3 tools); nothing was reachable and no call other than initialize and
// tools/list was made):
//   node <repo>/src/risk/testdata/labels/sample-heldout32.mjs --skeleton /tmp/skeleton32.json \
//     visualstudio.com.json=18 clubhouseapi.com.json=12 contract-p.fit.json=8 \
//     optimizely.json@npm:@simonecoelhosfo/optimizely-mcp-server@2.2.78=12 todoist.json@npm:todoist-mcp@1.3.4=11 \
//     openclaw.json@npm:openclaw-mcp@1.7.0=7 minimax.json@npm:minimax-mcp-js@0.0.18=9 \
//     glean.json@npm:@gleanwork/local-mcp-server@0.7.6=3
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and keyword counts before the draw, MCP listings as tool names; every drawn tool is labelled):
// 1. one draw of 80 tools, the cap, with the counts fixed together before any tool was seen: the three specs to 38
//    operations (VSOnline 18 of 142, the only fresh spec with many infrastructure operations, raised for them;
//    Clubhouse 12 of 41 for its invitations and phone sign-in; Contract.fit 8 of 138 for its API keys and tokens)
//    and the five MCP servers to 42 tools (Optimizely 12 of 30, Todoist 11 of 36, the three small ones whole:
//    OpenClaw 7, MiniMax 9, Glean 3).
// 2. no top-up (the draw reached the cap of 80). Total 80: 42 MCP tools, 38 operations.
await import('./sample-draw.mjs');
