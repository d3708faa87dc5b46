// Draws held-out 23 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 23 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio (`tools/list`)
// from the npm packages (each installed with --ignore-scripts) with dummy credentials and no network (`unshare -n`),
// `env -i` with HOME set to a scratch folder, each started in an empty scratch folder:
// @turbot/powerpipe-mcp with the scratch folder as its mod location argument (19 tools); prometheus-mcp `stdio` with
// PROMETHEUS_URL=http://127.0.0.1:59995 (10); @currents/mcp with CURRENTS_API_KEY=dummy (8); shopify-admin-mcp with
// SHOPIFY_ACCESS_TOKEN=dummy and SHOPIFY_STORE_DOMAIN=dummy.myshopify.com (35); expo-mcp with
// `--dev-server-url http://127.0.0.1:59996` (5); nothing was reachable and no call other than tools/list was made):
//   node <repo>/src/risk/testdata/labels/sample-heldout23.mjs --skeleton /tmp/skeleton23.json \
//     adyen.com/FundService.json=4 nexmo.com/subaccounts.json=9 biapi.pro.json=12 \
//     vtex.local/Customer-Credit-API.json=8 waterlinked.com.json=19 truesight.local.json=12 wiremock.org/admin.json=12 \
//     ably.io/platform.json=8 n-auth.com.json=10 uebermaps.com.json=10 \
//     powerpipe.json@npm:@turbot/powerpipe-mcp@0.1.0=14 prom.json@npm:prometheus-mcp@1.1.3=10 \
//     currents.json@npm:@currents/mcp@2.1.1=8 shopify.json@npm:shopify-admin-mcp@0.1.4=19 expo.json@npm:expo-mcp@0.2.4=5
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and keyword counts before a draw, MCP listings as tool names; raised counts are longer prefixes of
// the same SHA-256 order; every drawn tool is labelled):
// 1. first draw, 141 tools: Adyen Fund 4, Vonage Subaccounts 9 (all), Budget Insight 12, VTEX Customer Credit 8,
//    Water Linked 14, Hardware Sentry TrueSight 12, WireMock admin 8, Ably platform 8, nextAuth 10 (85 operations)
//    and powerpipe-mcp 14, prometheus-mcp 10 (all), currents 8 (all), shopify-admin-mcp 19, expo-mcp 5 (all)
//    (56 MCP tools).
// 2. read (before labelling): infrastructure 2, administrative 2, external communication 2: uebermaps 10 added
//    (collaborators and comments), Water Linked raised to 19 and WireMock to 12 (device and server configuration),
//    which reached 160 tools, the cap; no further top-up (see HELDOUT23-README.md).
await import('./sample-draw.mjs');
