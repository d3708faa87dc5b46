// Draws held-out 30 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 30 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio (`tools/list`)
// from the npm packages (each installed with --ignore-scripts into its own scratch folder) with dummy credentials and
// no network (`unshare -n`), `env -i` with HOME set to a scratch folder, each started in an empty scratch folder:
// @theyahia/cloudpayments-mcp@1.2.0 with CLOUDPAYMENTS_PUBLIC_ID/CLOUDPAYMENTS_API_SECRET set to dummy values (6
// tools); slashvibe-mcp@0.4.10 with no credential (9 tools; its optional better-sqlite3 binding is absent without
// install scripts and it says so, the tool list is unaffected); unified-pay-cli@0.1.2 started as
// `node dist/mcp/server.js` with no credential (7 tools); clawnch-mcp-server@1.3.0 with CLAWNCH_API_KEY set to a
// dummy value (40 tools); nothing was reachable and no call other than initialize and tools/list was made):
//   node <repo>/src/risk/testdata/labels/sample-heldout30.mjs --skeleton /tmp/skeleton30.json \
//     chaingateway.io.json=15 daniweb.com.json=14 authentiq.io.json=9 \
//     cloudpayments.json@npm:@theyahia/cloudpayments-mcp@1.2.0=6 slashvibe.json@npm:slashvibe-mcp@0.4.10=9 \
//     unifiedpay.json@npm:unified-pay-cli@0.1.2=7 clawnch.json@npm:clawnch-mcp-server@1.3.0=20
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and keyword counts before the draw, MCP listings as tool names; every drawn tool is labelled):
// 1. one draw of 80 tools, the cap, with the counts fixed together before any tool was seen: the four MCP servers
//    to 42 tools (the three small ones whole: CloudPayments 6, slashvibe 9, unified-pay-cli 7; Clawnch 20 of 40)
//    and the three specs to 38 operations (Chaingateway 15 of 119, DaniWeb Connect 14 of 67, Authentiq Connect all 9).
// 2. no top-up (the draw reached the cap of 80). Total 80: 42 MCP tools, 38 operations.
await import('./sample-draw.mjs');
