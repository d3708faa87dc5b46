// Draws held-out 89 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 89 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, network cut, see
// HELDOUT89-README.md, and saved as /tmp/mcp89/*.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout89.mjs --skeleton /tmp/skeleton89m.json \
//     /tmp/mcp89/cipher-agg.json@npm:@byterover/cipher@0.3.0=7 \
//     /tmp/mcp89/mcp-local-rag.json@npm:mcp-local-rag@0.10.1=6 \
//     /tmp/mcp89/orbitalmcp.json@npm:orbitalmcp@1.6.0=5 \
//     /tmp/mcp89/pdfcrowd-mcp-pdf-export.json@npm:pdfcrowd-mcp-pdf-export@1.2.2=2
//   node <repo>/src/risk/testdata/labels/sample-heldout89.mjs --skeleton /tmp/skeleton89o.json \
//     wordnik.com.json=6 thenounproject.com.json=6 deutschebahn.com/flinkster.json=5 mon-voyage-pas-cher.com.json=5
// How the counts came about (each count fixed before the tools it adds were drawn; the servers were looked at only
// as tool-name lists and the specs only as operation and write-operation counts; every drawn tool is labelled):
// 1. MCP: every tool of the four servers (7 + 6 + 5 + 2 = 20), fixed after their listings (tool names only) were
//    seen: no larger fresh server with writes could be listed offline in the time.
// 2. OpenAPI: 22 operations of four fresh specs, all read-only (no fresh spec with write operations was left), fixed
//    together before any was drawn: 6 of 16, 6 of 13, 5 of 10, 5 of 21 (the last count was fixed on a count of
//    11 that left out the spec's 10 CORS OPTIONS operations, which the importer also serves).
// Total 42: 20 MCP tools (four servers), 22 operations of four specs (four providers). No top-up.
await import('./sample-draw.mjs');
