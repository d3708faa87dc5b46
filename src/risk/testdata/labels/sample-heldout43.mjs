// Draws held-out 43 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 43 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio (`tools/list`)
// from the npm packages (each installed with --ignore-scripts into its own scratch folder) with no network
// (`unshare -n`), `env -i` with HOME set to a scratch folder, each started in an empty scratch folder:
// fast-filesystem-mcp@3.5.2 with no settings (25 tools); mcp-google-drive@1.6.2 with dummy GOOGLE_CLIENT_ID,
// GOOGLE_CLIENT_SECRET and GOOGLE_REFRESH_TOKEN (15 tools); mcp-fetch@0.1.6 with no settings (5 tools);
// @ohah/react-native-mcp-server@0.1.0-rc.14 with no settings (49 tools; it opened its local WebSocket and health ports
// on loopback only); nothing was reachable and no call other than initialize and tools/list was made):
//   node <repo>/src/risk/testdata/labels/sample-heldout43.mjs --skeleton /tmp/skeleton43.json \
//     fastfs.json@npm:fast-filesystem-mcp@3.5.2=25 gdrive.json@npm:mcp-google-drive@1.6.2=15 \
//     fetch.json@npm:mcp-fetch@0.1.6=5 rn.json@npm:@ohah/react-native-mcp-server@0.1.0-rc.14=15
// How the counts came about (each count fixed before the tools it adds were drawn; listings were looked at only as
// tool names before the draw; every drawn tool is labelled):
// 1. five servers were claimed; obsidian-mcp-server@3.2.12 and coda-ticket-manager-mcp@1.0.44 were withdrawn before
//    any draw (a dependency of each is not on the registry, so neither installed nor listed).
// 2. first draw of 45 tools, the counts fixed together before any tool was seen: every tool of the three listed
//    servers (Fast Filesystem all 25, Google Drive all 15, mcp-fetch all 5). These 45 were labelled.
// 3. a fourth server was then claimed and listed to reach the four servers and 50-60 tools asked for; its count, 15
//    of 49 (the rest up to the cap of 60), was fixed from its tool names before any of its tools was drawn; the
//    command above repeats the first three counts unchanged (the same 45 tools) and adds its 15.
// 4. no top-up (the draw reached the cap of 60). Total 60: 60 MCP tools of four servers, 0 operations.
await import('./sample-draw.mjs');
