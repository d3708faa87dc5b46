// Draws held-out 33 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 33 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio (`tools/list`)
// from the npm packages (each installed with --ignore-scripts into its own scratch folder) with dummy credentials and
// no network (`unshare -n`), `env -i` with HOME set to a scratch folder, each started in an empty scratch folder:
// pulsemcp-cms-admin-mcp-server@0.10.6 with PULSEMCP_ADMIN_API_KEY set to a dummy value and TOOL_GROUPS unset (its
// default groups; 71 tools); @theyahia/paymongo-mcp@1.1.0 with PAYMONGO_SECRET_KEY set to a dummy sk_test_ value (24
// tools); nothing was reachable and no call other than initialize and tools/list was made):
//   node <repo>/src/risk/testdata/labels/sample-heldout33.mjs --skeleton /tmp/skeleton33.json \
//     shop-pro.jp.json=18 vestorly.com.json=12 contribly.com.json=10 \
//     pulse.json@npm:pulsemcp-cms-admin-mcp-server@0.10.6=24 paymongo.json@npm:@theyahia/paymongo-mcp@1.1.0=16
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and keyword counts before the draw, MCP listings as tool names; every drawn tool is labelled):
// 1. one draw of 80 tools, the cap, with the counts fixed together before any tool was seen: the two MCP servers to
//    40 tools (PulseMCP CMS admin 24 of 71, PayMongo 16 of 24) and the three specs to 40 operations (ColorMe Shop
//    app store all 18, Vestorly 12 of 51, Contribly 10 of 44). Noosh was claimed first and withdrawn before any
//    draw (another set had claimed it earlier), Contribly taking its place.
// 2. no top-up (the draw reached the cap of 80). Total 80: 40 MCP tools, 40 operations.
await import('./sample-draw.mjs');
