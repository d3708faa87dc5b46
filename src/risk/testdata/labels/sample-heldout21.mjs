// Draws held-out 21 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 21 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio (`tools/list`)
// from the npm packages (each installed with --ignore-scripts) with dummy credentials and no network (`unshare -n`),
// `env -i` with HOME set to a scratch folder, each started in an empty scratch folder: mcp-wordpress with
// WORDPRESS_SITE_URL=http://127.0.0.1:59999, WORDPRESS_USERNAME and WORDPRESS_APP_PASSWORD dummies,
// ALLOW_INSECURE_HTTP=true and ALLOW_PRIVATE_URLS=true (71 tools); humanagent-mcp with HUMANAGENT_API_KEY=dummy (24);
// x64dbg-mcp-server with no settings (23); loopuman-mcp with LOOPUMAN_API_KEY=dummy (9); backlog-mcp-server with
// BACKLOG_DOMAIN=dummy.backlog.com and BACKLOG_API_KEY=dummy (63); freee-mcp with FREEE_CLIENT_ID/_CLIENT_SECRET
// dummies and FREEE_COMPANY_ID=1 (15); selenium-ai-agent's `selenium-mcp` with no settings (61)):
//   node <repo>/src/risk/testdata/labels/sample-heldout21.mjs --skeleton /tmp/skeleton21.json \
//     loket.nl.json=10 bigredcloud.com.json=10 stream-io-api.com.json=16 osisoft.com.json=10 mbus.local.json=7 \
//     ably.net/control.json=8 probely.com.json=8 intellifi.nl.json=8 gsmtasks.com.json=8 edrv.io.json=8 \
//     kumpeapps.com.json=10 \
//     wp.json@npm:mcp-wordpress@3.3.35=14 ha.json@npm:humanagent-mcp@1.0.11=10 \
//     x64.json@npm:x64dbg-mcp-server@2.3.0=12 loop.json@npm:loopuman-mcp@1.5.3=9 \
//     bl.json@npm:backlog-mcp-server@0.20.4=8 freee.json@npm:freee-mcp@0.35.2=6 \
//     selai.json@npm:selenium-ai-agent@3.3.4=18
// How the counts came about (each count fixed before the tools it adds were seen; listings and specs were looked at
// only as keyword counts before a draw; raised counts are longer prefixes of the same SHA-256 order; every drawn tool
// is labelled):
// 1. first draw, 138 tools: Loket.nl 10, Big Red Cloud 10, Stream Chat 10, PI Web API 10, M-Bus HTTPD 7 (all),
//    Ably Control 8, Probely 8, Intellifi Brain 8, GSMtasks 8 (79 operations) and mcp-wordpress 14, humanagent-mcp 10,
//    x64dbg-mcp-server 12, loopuman-mcp 9 (all), backlog-mcp-server 8, freee-mcp 6 (59 MCP tools).
// 2. labelled: infrastructure 2, administrative 1, code execution 4: Stream Chat raised to 16, eDRV 8 and
//    selenium-ai-agent 10 added (162 tools).
// 3. labelled: administrative 2, code execution 4: selenium-ai-agent raised to 18 and KumpeApps 10 added (180 tools).
//    No further top-up: the deadline.
await import('./sample-draw.mjs');
