// Draws held-out 17 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 17 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio from the npm
// packages (each installed with --ignore-scripts) with dummy credentials and no network (`unshare -n`), `env -i` with
// HOME set to a scratch folder, each started in an empty scratch folder: Didit with DIDIT_API_KEY=dummy (82 tools);
// the Node.js debugger with no settings (13 tools); Electron with no settings (4 tools); Retell AI with
// RETELL_API_KEY=dummy (24 tools); food402 with TGO_EMAIL/TGO_PASSWORD dummies (22 tools); the React Native debugger
// with no settings (62 tools); Tauri with no settings (19 tools); Claude Code MCP with no settings (1 tool); Codex MCP
// with no settings (6 tools); Plane with PLANE_API_KEY/PLANE_WORKSPACE_SLUG dummies (47 tools); Miro with
// MIRO_ACCESS_TOKEN=dummy (97 tools)):
//   node <repo>/src/risk/testdata/labels/sample-heldout17.mjs --skeleton /tmp/skeleton17.json \
//     googleapis.com/vmwareengine.json=6 googleapis.com/dataflow.json=6 \
//     googleapis.com/paymentsresellersubscription.json=5 rudder.example.local.json=8 meshery.local.json=10 \
//     superset.apache.local/superset.json=8 jellyfin.local.json=8 getpostman.com.json=7 magento.com.json=8 \
//     visma.net.json=8 walmart.com/order.json=5 braze.com.json=7 azure.com/azsadmin-ScaleUnitNode.json=4 \
//     azure.com/azsadmin-InfraRoleInstance.json=3 windows.net/graphrbac.json=14 winsms.co.za.json=11 \
//     apicurio.local/registry.json=8 trello.com.json=8 \
//     didit.json@npm:@didit-protocol/mcp-server@4.0.0=22 nodedbg.json@npm:@hyperdrive-eng/mcp-nodejs-debugger@0.2.2=13 \
//     electron.json@npm:electron-mcp-server@1.5.1=4 retell.json@npm:@abhaybabbar/retellai-mcp-server@1.0.2=16 \
//     food.json@npm:food402@1.2.0=16 rndebug.json@npm:react-native-ai-debugger@2.12.3=10 \
//     tauri.json@npm:@hypothesi/tauri-mcp-server@0.13.0=10 claudecode.json@npm:@steipete/claude-code-mcp@1.10.12=1 \
//     codex.json@npm:codex-mcp-server@1.4.10=4 plane.json@npm:@makeplane/plane-mcp-server@0.1.5=8 \
//     miro.json@npm:@k-jarzyna/mcp-miro@1.0.11=20
// How the counts came about (each count fixed before the tools it adds were seen; the MCP listings were saved without
// printing tool names; every drawn tool is labelled; raised counts are longer prefixes of the same SHA-256 order):
// 1. first draw, 147 tools: the twelve specs from Google VMware Engine to Braze with meshery=6 and graphrbac, WinSMS,
//    Apicurio and Trello absent; Didit 22, Node.js debugger 7, Electron 4, Retell 16, food402 16. Labelled:
//    code-execution 3, infrastructure 3, administrative 2, external-communication 3.
// 2. added for infrastructure and code execution: Azure Stack scale unit nodes (4) and infrastructure role instances (3),
//    Azure AD Graph (6), WinSMS (4), React Native debugger (10), Tauri (6); Meshery raised to 10 (184 tools). Labelled:
//    code-execution still 3, administrative 2, external-communication 4.
// 3. added for code execution and access changes: Claude Code MCP (all 1), Codex MCP (4 of 6), Apicurio Registry (8),
//    Trello (8); WinSMS raised to 7 (208 tools), then, still short of administrative and external-communication, WinSMS
//    raised to all 11 and Plane (8) and Miro (8) added (228 tools).
// 4. administrative 3 and code-execution 5: Node.js debugger raised to all 13, Tauri to 10, Miro to 14 (244 tools),
//    then Azure AD Graph to 14 and Miro to 20 (258 tools). Hence 258 tools (124 MCP tools, 134 operations), far over
//    the ~150 target.
await import('./sample-draw.mjs');
