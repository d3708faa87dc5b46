// Draws held-out 90 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 90 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT90-README.md,
// and saved as /tmp/mcp90/espocrm.json and /tmp/mcp90/nextcloud.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout90.mjs --skeleton /tmp/mcp90/skel_mcp.json \
//     /tmp/mcp90/espocrm.json@npm:espocrm-mcp-server-extended@1.0.0=22 \
//     /tmp/mcp90/nextcloud.json@npm:nextcloud-mcp-server@1.1.0=12
//   node <repo>/src/risk/testdata/labels/sample-heldout90.mjs --skeleton /tmp/mcp90/skel_oa.json \
//     highwaysengland.co.uk.json=8 healthcare.gov.json=8
// How the counts came about (each count fixed before the tools it adds were drawn; the servers were looked at only as
// tool-name lists and the specs only as operation and write-operation counts before the draw; every drawn tool is
// labelled):
// 1. first draw, 34 MCP tools, the counts fixed together after both tool-name listings and before any definition was
//    read: EspoCRM server 22 of 47, Nextcloud server 12 of 14 (over the asked floor of 30 MCP tools from 2-4 servers).
// 2. second draw, 16 OpenAPI operations, fixed as 8 + 8 after the operation counts were seen: Highways England 8 of 10
//    (0 writes), HealthCare.gov 8 of 16 (0 writes); the only fresh specs left were read-only (see the README).
// Total 50: 34 MCP tools (two servers), 16 operations of two specs. No top-up.
await import('./sample-draw.mjs');
