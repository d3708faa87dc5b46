// Draws held-out 46 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 46 (after `npm run build`):
//   node <repo>/src/risk/testdata/labels/sample-heldout46.mjs --skeleton /tmp/skeleton46.json \
//     ndhm.gov.in/ndhm-healthid.json=16 tl-api.azurewebsites.net.json=12 namsor.com.json=6
// How the counts came about (fixed together before any tool was seen; the specs were looked at only as operation
// lists and write-operation counts before the draw; every drawn tool is labelled): one draw of 34 OpenAPI operations,
// Health ID Service 16 of 73 (60 writes), the gym-management API 12 of 27 (14 writes), NamSor 6 of 88 (37 writes),
// weighted towards the sources whose operation lists show tokens, passwords, users and memberships (the set's aim),
// sized to the time left (the labeller began drawing about 27 minutes before the deadline). No MCP tools. No top-up.
await import('./sample-draw.mjs');
