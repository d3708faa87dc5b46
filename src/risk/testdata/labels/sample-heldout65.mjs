// Draws held-out 65 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 65 (after `npm run build`; the MCP listing was taken with `tools/list` over stdio, see HELDOUT65-README.md,
// and saved as /tmp/mcp65/morph.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout65.mjs --skeleton /tmp/skeleton65.json \
//     openstates.org.json=8 domainsdb.info.json=7 musixmatch.com.json=8 hhs.gov.json=7
//   node <repo>/src/risk/testdata/labels/sample-heldout65.mjs --skeleton /tmp/skeleton65m.json \
//     /tmp/mcp65/morph.json@npm:@morphllm/morphmcp@0.8.213=7
// How the counts came about (fixed together before any tool was seen; specs were looked at only as operation counts
// and write-operation counts before the draw; every drawn tool is labelled): Open States 8 of 12, DomainsDB 7 of 14,
// Musixmatch 8 of 16, HHS Media Services 7 of 31 (no writes in any: the directory's specs with writes are all in
// earlier sets or claimed). First committed as OpenAPI only (30); then a second draw of
// @morphllm/morphmcp@0.8.213, 7 of 7 (all its tools), fixed after its tool-name listing and before any definition was
// read. Total 37. No further top-up. A first choice of
// four specs was withdrawn after its draw because other labellers had claimed them (not labelled, not used).
await import('./sample-draw.mjs');
