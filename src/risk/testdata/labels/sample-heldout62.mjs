// Draws held-out 62 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 62 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT62-README.md,
// and saved as /tmp/mcp62/orch.json and /tmp/mcp62/cml.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout62.mjs --skeleton /tmp/skeleton62.json \
//     ideaconsult.net/enanomapper.json=8 peoplegeneratorapi.live.json=10 ritekit.com.json=8 owler.com.json=8
//   node <repo>/src/risk/testdata/labels/sample-heldout62.mjs --skeleton /tmp/skeleton62m.json \
//     /tmp/mcp62/orch.json@npm:@first-to-fly/orchestrator-mcp@0.7.3=14
//   node <repo>/src/risk/testdata/labels/sample-heldout62.mjs --skeleton /tmp/skeleton62c.json \
//     /tmp/mcp62/cml.json@npm:claude-memory-layer@1.2.3=12
// How the counts came about (each count fixed before the tools it adds were drawn; specs and servers were looked at
// only as operation lists / tool names and write-operation counts before the draw; every drawn tool is labelled):
// 1. first draw of 34 OpenAPI operations, the counts fixed together before any tool was seen: eNanoMapper 8 of 13
//    (1 write), People Generator 10 of 46 (0 writes), RiteKit 8 of 13 (0 writes), Owler 8 of 13 (0 writes). Fresh
//    specs with writes were none left (a first choice of four specs was already claimed by another labeller and
//    withdrawn before any draw).
// 2. second draw, 14 MCP tools of @first-to-fly/orchestrator-mcp@0.7.3 (14 of 16), fixed after its tool-name listing
//    and before any definition was read.
// 3. third draw, 12 MCP tools of claude-memory-layer@1.2.3 (12 of 28), fixed as the remainder to 60 after its
//    tool-name listing and before any definition was read.
// Total 60: 26 MCP tools (two servers), 34 operations of four specs (four providers). No top-up.
await import('./sample-draw.mjs');
