// Draws held-out 26 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 26 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio (`tools/list`)
// from the npm packages (each installed with --ignore-scripts) with dummy credentials and no network (`unshare -n`),
// `env -i` with HOME set to a scratch folder, each started in an empty scratch folder:
// @respira/wordpress-mcp-server@8.3.34 with WORDPRESS_URL=http://127.0.0.1:59990 WORDPRESS_API_KEY=dummy
// RESPIRA_SITE_URL=http://127.0.0.1:59990 RESPIRA_API_KEY=dummy (264 tools); @openai/codex-shell-tool-mcp@0.97.0 with
// no settings (1 tool; its bundled x86_64-unknown-linux-musl binaries ship inside the npm package, nothing is
// downloaded); mcp-cli@1.0.5 with the scratch HOME as its one allowed directory (11 tools); nothing was reachable and
// no call other than tools/list was made):
//   node <repo>/src/risk/testdata/labels/sample-heldout26.mjs --skeleton /tmp/skeleton26.json \
//     netbox.dev.json=16 alertersystem.com.json=14 threatjammer.com.json=10 api2cart.com.json=14 \
//     slicebox.local.json=12 redirection.io.json=10 apple.com/app-store-connect.json=14 elmah.io.json=8 \
//     up.com.au.json=18 \
//     respira.json@npm:@respira/wordpress-mcp-server@8.3.34=32 codex.json@npm:@openai/codex-shell-tool-mcp@0.97.0=1 \
//     mcpcli.json@npm:mcp-cli@1.0.5=11
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and keyword counts before a draw, MCP listings as tool names; every drawn tool is labelled):
// 1. first draw, 131 tools: NetBox 16 (of 844), Alerter System 14 (of 500), ThreatJammer 10 (of 97), API2Cart 14 (of
//    147), Slicebox 12 (of 118), redirection.io 10 (of 89), App Store Connect 14 (of 252), elmah.io 8 (of 22) (98
//    operations) and Respira 32 (of 264), codex-shell-tool-mcp 1 (all) (33 MCP tools). Chosen MCP servers dropped
//    before any draw: @ashwinighuge/jenkins-mcp-server@1.0.7 (starts a Python 3.12 server that pip-installs its
//    dependencies; the machine has 3.11), mcp-server-docker@1.0.0 (listed, 1 tool, then withdrawn: Docker's engine API
//    and another Docker server are in earlier sets), mcp-sqlite@1.0.9 (its native sqlite3 binding is not built with
//    --ignore-scripts, so it does not answer tools/list).
// 2. after reading the first draw's definitions, before writing any label: few administrative, external-communication
//    and financial tools; Up Bank's API added whole, 18 (of 18: webhooks with a ping, accounts, transactions), which
//    made 149 tools.
// 3. code execution still had one positive: mcp-cli (a local command and file server) added whole, 11 (of 11; listed
//    by tool names before its count was fixed), which reached 160 tools, the cap. (@executeautomation/database-server
//    @1.1.0 was installed first for this step and dropped before any draw: its sqlite3 binding is not built with
//    --ignore-scripts either.) No further top-up: no fresh small source dense in infrastructure or money movement was
//    found.
await import('./sample-draw.mjs');
