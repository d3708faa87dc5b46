// Draws held-out 56 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 56 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT56-README.md,
// and saved as /tmp/mcp56/opik.json (with OPIK_TOOLSETS=all) and /tmp/mcp56/hyper.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout56.mjs --skeleton /tmp/skeleton56.json \
//     quotes.rest.json=16 mineskin.org.json=8 reversepp.com.json=8 uscann.net.json=5 \
//     /tmp/mcp56/opik.json@npm:opik-mcp@2.0.2=15 /tmp/mcp56/hyper.json@npm:hyperbrowser-mcp@1.0.25=8
// How the counts came about (all fixed together in one draw, before any tool definition was read; the specs were
// looked at only as operation and write-operation counts, the servers only as tool-name lists; every drawn tool is
// labelled):
// They Said So Quotes 16 of 45 (23 writes), MineSkin 8 of 9 (3 writes), Reverse Planning Permission 8 of 8 (8 writes),
// USCANN 5 of 5 (5 writes); opik-mcp 15 of 28 (all toolsets), hyperbrowser-mcp 8 of 10.
// Total 60: 23 MCP tools (two servers), 37 operations of four specs (four providers). No top-up.
await import('./sample-draw.mjs');
