// Draws held-out 15 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 15 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio from the npm
// packages (each installed with --ignore-scripts) with dummy credentials and no network (`unshare -n`), `env -i` with
// HOME set to a scratch folder: Lunch Money with LUNCHMONEY_API_TOKEN=dummy (59 tools); Headless Commerce with
// HEADLESS_COMMERCE_API_KEY=dummy and HEADLESS_COMMERCE_API_URL=http://127.0.0.1:9 (19 tools); UniFi Protect with
// UNIFI_PROTECT_API_KEY=dummy and UNIFI_PROTECT_HOST=127.0.0.1 (38 tools); CookUnity with COOKUNITY_EMAIL and
// COOKUNITY_PASSWORD dummies (16 tools); Replicate (`mcp-server` bin) with REPLICATE_API_TOKEN=dummy (35 tools);
// the Vitest server with no settings (4 tools); Chatwork with CHATWORK_API_TOKEN=dummy (31 tools); context-mode with no
// settings, started in an empty scratch project folder (11 tools)):
//   node <repo>/src/risk/testdata/labels/sample-heldout15.mjs --skeleton /tmp/skeleton15.json \
//     vtex.local/Payments-Gateway-API.json=12 amazonaws.com/mturk-requester.json=9 \
//     amazonaws.com/globalaccelerator.json=9 amazonaws.com/fis.json=7 amazonaws.com/braket.json=13 \
//     amazonaws.com/elasticmapreduce.json=10 amazonaws.com/payment-cryptography.json=8 \
//     amazonaws.com/verifiedpermissions.json=8 amazonaws.com/chime-sdk-messaging.json=9 nordigen.com.json=8 \
//     lunchmoney.json@npm:@akutishevsky/lunchmoney-mcp@3.0.0=12 \
//     headless.json@npm:@headless-commerce/mcp-server@0.1.4=10 \
//     unifi.json@npm:@owine/unifi-protect-mcp@2.14.0=14 cookunity.json@npm:cookunity-mcp-server@1.3.4=8 \
//     replicate.json@npm:replicate-mcp@0.9.0=12 vitest.json@npm:@djankies/vitest-mcp@0.5.1=4 \
//     amazonaws.com/connectparticipant.json=8 chatwork.json@npm:@chatwork/mcp-server@0.0.4=14 \
//     contextmode.json@npm:context-mode@1.0.169=11
// How the counts came about (each count fixed before the tools it adds were seen; every drawn tool is labelled): the
// first draw had Braket 7 and no Connect Participant, Chatwork or context-mode (147 tools). Labelled, it had
// code-execution 3 and external-communication 1, so Braket was raised to all 13 (a longer prefix of the same SHA-256
// order) and Connect Participant (all 8), Chatwork (14) and context-mode (6) were added, chosen for chat sends and code
// runs (181 tools). Labelled, code-execution had 5, so context-mode was raised to all 11. Hence 186 tools (85 MCP tools,
// 101 operations), over the ~150 target.
await import('./sample-draw.mjs');
