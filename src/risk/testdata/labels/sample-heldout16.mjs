// Draws held-out 16 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 16 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio from the npm
// packages (each installed with --ignore-scripts) with dummy credentials and no network (`unshare -n`), `env -i` with
// HOME set to a scratch folder, each started in an empty scratch folder: Roblox Studio with no settings (69 tools);
// Godot with no settings (14 tools); Ollama with OLLAMA_HOST=http://127.0.0.1:9 (13 tools); Asana with
// ASANA_ACCESS_TOKEN=dummy (41 tools); Datadog with DATADOG_API_KEY and DATADOG_APP_KEY dummies (21 tools)):
//   node <repo>/src/risk/testdata/labels/sample-heldout16.mjs --skeleton /tmp/skeleton16.json \
//     googleapis.com/notebooks.json=10 googleapis.com/tpu.json=8 googleapis.com/osconfig.json=8 \
//     azure.com/containerinstance-containerInstance.json=10 azure.com/automation-job.json=8 \
//     azure.com/automation-credential.json=5 mastercard.com/open-banking-connect-pis.json=10 \
//     mastercard.com/Repower.json=2 just-eat.co.uk.json=10 signl4.com.json=8 openstf.io.json=8 \
//     roblox.json@npm:robloxstudio-mcp@2.6.0=26 godot.json@npm:@coding-solo/godot-mcp@0.1.1=14 \
//     ollama.json@npm:ollama-mcp@2.1.0=10 asana.json@npm:@roychri/mcp-server-asana@1.8.0=17 \
//     datadog.json@npm:@winor30/mcp-server-datadog@1.8.0=9 mailscript.com.json=8 bufferapp.com.json=6 \
//     d7networks.com.json=3 isendpro.com.json=6 openpolicy.local.json=8 lgtm.com.json=5
// How the counts came about (each count fixed before the tools it adds were seen; the MCP listings were saved without
// printing tool names; every drawn tool is labelled): the first draw had Roblox 18, Godot 9 and none of the last six
// specs (150 tools). Labelled, it had code-execution 4, credential-access 4 and external-communication 1, so Roblox was
// raised to 26 and Godot to all 14 (longer prefixes of the same SHA-256 order) and Mailscript (8) and Buffer (6) were
// added, chosen for keys and posts (177 tools). Labelled, external-communication was still 1 and code-execution 4, so
// D7 SMS (all 3), iSendPro (6), Open Policy Agent (8) and LGTM (5) were added, chosen for sends and query runs. Hence
// 199 tools (76 MCP tools, 123 operations), over the ~150 target.
await import('./sample-draw.mjs');
