// Draws held-out 39 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 39 (after `npm run build`; OpenAPI operations only, no MCP listing was taken: see HELDOUT39-README.md):
//   node <repo>/src/risk/testdata/labels/sample-heldout39.mjs --skeleton /tmp/skeleton39.json \
//     journy.io.json=16 c19qrserver.local.json=14 enode.io.json=22 npr.org/identity.json=5 \
//     npr.org/authorization.json=3
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and keyword counts before the draw; every drawn tool is labelled):
// 1. one MCP server was chosen and withdrawn before any listing or draw (@jsondb-cloud/mcp 1.0.25: its dependency
//    @jsondb-cloud/client is not on the registry, so it does not install); no other fresh MCP server for the aimed
//    categories was found in the package list.
// 2. one draw of 60 tools, the cap, with the counts fixed together before any tool was seen: journy.io all 16 (account
//    memberships: add and remove a user), the COVID-19 QR sign-in server all 14 (its users), Enode 22 of 28 (the rest
//    of the cap after the small specs), NPR Identity all 5 and NPR Authorization all 3 (one provider, two specs).
// 3. no top-up (the draw reached the cap of 60). Total 60: 0 MCP tools, 60 operations of five specs (four providers).
await import('./sample-draw.mjs');
