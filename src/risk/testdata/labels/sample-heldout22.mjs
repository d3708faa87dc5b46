// Draws held-out 22 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 22 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio (`tools/list`)
// from the npm packages (each installed with --ignore-scripts) with dummy credentials and no network (`unshare -n`),
// `env -i` with HOME set to a scratch folder, each started in an empty scratch folder:
// @coolver/home-assistant-mcp with HA_AGENT_URL=http://127.0.0.1:59998 and HA_AGENT_KEY=dummy, loopback brought up
// inside the namespace and a local stub answering its start-up `GET /api/health` (96 tools); @clerk/agent-toolkit's
// `local-mcp` with `--secret-key sk_test_dummy` (19); sonarqube-mcp-server with SONARQUBE_URL=http://127.0.0.1:59997
// and SONARQUBE_TOKEN=dummy (28); @qase/mcp-server with QASE_API_TOKEN=dummy (17); @rollbar/mcp-server with
// ROLLBAR_ACCESS_TOKEN=dummy (9); podman-mcp-server through its podman-mcp-server-linux-amd64 binary package, with a
// `podman` script on PATH that only prints a version (the server refuses to start without a podman or docker CLI;
// no container call is made) (13); mobile-device-farm-mcp with no settings (14)):
//   node <repo>/src/risk/testdata/labels/sample-heldout22.mjs --skeleton /tmp/skeleton22.json \
//     cpy.re/peertube.json=12 opensuse.org/obs.json=20 google.home.json=8 adobe.com/aem.json=8 snyk.io.json=8 \
//     mozilla.com/kinto.json=6 ijenko.net.json=8 simplivpn.net.json=7 billbee.io.json=8 jumpseller.com.json=6 \
//     climatekuul.com.json=6 gamesparks.net/game-details.json=8 mercure.local.json=5 \
//     ha.json@npm:@coolver/home-assistant-mcp@3.2.31=24 clerk.json@npm:@clerk/agent-toolkit@0.3.15=19 \
//     sonar.json@npm:sonarqube-mcp-server@1.10.21=8 qase.json@npm:@qase/mcp-server@2.7.0=6 \
//     rollbar.json@npm:@rollbar/mcp-server@0.6.0=5 podman.json@npm:podman-mcp-server@0.0.15=13 \
//     mdf.json@npm:mobile-device-farm-mcp@1.0.0=14
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation and keyword counts before a draw, MCP listings as tool names; raised counts are longer prefixes of the
// same SHA-256 order; every drawn tool is labelled):
// 1. first draw, 145 tools: PeerTube 12, Open Build Service 12, Google Home local API 8, AEM 8, Snyk 8, Kinto 6,
//    ijenko 8, SimpliVPN 7 (all), Billbee 8, Jumpseller 6 (83 operations) and home-assistant-mcp 24, Clerk 19 (all),
//    SonarQube 8, Qase 6, Rollbar 5 (62 MCP tools).
// 2. labelled: code execution 0, infrastructure 3, financial 1, external communication 3: podman-mcp-server 13
//    (all), mobile-device-farm-mcp 14 (all) and ClimateKuul 6 added (178 tools).
// 3. labelled: code execution 4, external communication 3: Open Build Service raised to 20 (no code execution
//    among the 8 added), then GameSparks game details 8 (no code execution; one external communication), then
//    Mercure 5 (all) for external communication (199 tools). No further top-up: no other fresh source dense in code
//    execution could be listed offline (see HELDOUT22-README.md).
await import('./sample-draw.mjs');
