// Draws held-out 36 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 36 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio (`tools/list`)
// from the npm packages (each installed with --ignore-scripts into its own scratch folder) with dummy credentials and
// no network (`unshare -n`), `env -i` with HOME set to a scratch folder, each started in an empty scratch folder:
// motionmcp@2.9.0 with MOTION_API_KEY set to a dummy value and MOTION_MCP_TOOLS unset (its `complete` set; 10
// tools); @agllama/mcp@0.10.1 with LLAMA_API_KEY set to a dummy value and LLAMA_API_URL to an unreachable loopback
// port (110 tools); @r-huijts/strava-mcp-server@1.2.1 with dummy STRAVA_ACCESS_TOKEN, STRAVA_REFRESH_TOKEN,
// STRAVA_CLIENT_ID and STRAVA_CLIENT_SECRET (24 tools); nothing was reachable and no call other than initialize and
// tools/list was made):
//   node <repo>/src/risk/testdata/labels/sample-heldout36.mjs --skeleton /tmp/skeleton36.json \
//     apidapp.com.json=16 flat.io.json=14 britbox.co.uk.json=12 \
//     motion.json@npm:motionmcp@2.9.0=10 llama.json@npm:@agllama/mcp@0.10.1=16 \
//     strava.json@npm:@r-huijts/strava-mcp-server@1.2.1=12
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and keyword counts before the draw, MCP listings as tool names; every drawn tool is labelled):
// 1. one draw of 80 tools, the cap, with the counts fixed together before any tool was seen: the three MCP servers to
//    38 tools (Motion all 10, Llama 16 of 110, Strava 12 of 24) and the three specs to 42 operations (ApiDapp 16 of
//    54, Flat 14 of 81, BritBox 12 of 121). ApiDapp's operation list was read before the draw without its OPTIONS
//    methods (30 operations); the importer also lists 24 CORS OPTIONS operations, so the count drew from 54. Apacta
//    was claimed and withdrawn before any draw (Flat, denser in memberships and invitations, took its place).
// 2. no top-up (the draw reached the cap of 80). Total 80: 38 MCP tools, 42 operations.
await import('./sample-draw.mjs');
