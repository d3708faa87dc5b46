// Draws held-out 59 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 59 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT59-README.md,
// and saved as /tmp/mcp59/serp.json, /tmp/mcp59/vf.json and /tmp/mcp59/sx.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout59.mjs --skeleton /tmp/skeleton59.json \
//     pdfbroker.io.json=6 symanto.net.json=6 facecheck.id.json=4 libretranslate.local.json=6 \
//     monarchinitiative.org.json=13 \
//     /tmp/mcp59/serp.json@npm:@serpstat/serpstat-mcp-server@1.1.5=16 \
//     /tmp/mcp59/vf.json@npm:@variflight-ai/variflight-mcp@1.0.3=6 \
//     /tmp/mcp59/sx.json@npm:mcp-searxng@1.16.0=3
// How the counts came about (all counts fixed together, once, before any tool definition was seen; specs were looked at
// only as operation counts and write-operation counts, the servers only as their tool-name lists; every drawn tool is
// labelled):
// - OpenAPI, 35 of five specs: PdfBroker.io 6 of 7 (6 writes), Symanto 6 of 7 (7 writes), FaceCheck.ID 4 of 4
//   (4 writes), LibreTranslate 6 of 6 (4 writes), BioLink (Monarch Initiative) 13 of 168 (14 writes).
// - MCP, 25 of three servers: Serpstat 16 of 65, VariFlight 6 of 9, SearXNG 3 of 4.
// Five sources first claimed for this set were withdrawn undrawn (another labeller had claimed them at the same
// minute); no fresh identity-provider or admin-console MCP server that lists offline was found (see the README).
// Total 60: 25 MCP tools (three servers), 35 operations of five specs (five providers). No top-up.
await import('./sample-draw.mjs');
