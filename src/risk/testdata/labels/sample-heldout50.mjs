// Draws held-out 50 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 50 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, network cut, see
// HELDOUT50-README.md, and saved as /tmp/mcp50/taskmgr.json, installer.json, ohno.json, drawio.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout50.mjs --skeleton /tmp/skeleton50.json \
//     clarify.io.json=5 6-dot-authentiqio.appspot.com.json=5 doqs.dev.json=4
//   node <repo>/src/risk/testdata/labels/sample-heldout50.mjs --skeleton /tmp/skeleton50m.json \
//     /tmp/mcp50/taskmgr.json@npm:@kazuph/mcp-taskmanager@1.1.1=5 \
//     /tmp/mcp50/installer.json@npm:@anaisbetts/mcp-installer@0.5.0=2 \
//     /tmp/mcp50/ohno.json@npm:@stevestomp/ohno-mcp@0.20.0=6 \
//     /tmp/mcp50/drawio.json@npm:drawio-mcp@1.6.0=3
//   node <repo>/src/risk/testdata/labels/sample-heldout50.mjs --skeleton /tmp/skeleton50z.json zeno.fm.json=5
// How the counts came about (each count fixed before the tools it adds were drawn; specs and servers were looked at
// only as operation / write-operation counts and tool-name lists before the draw; every drawn tool of a kept source is
// labelled):
// 1. first draw, all counts fixed together after the four listings (names only) and the specs' operation counts were
//    seen: MCP 16 (mcp-taskmanager 5 of 10, mcp-installer 2 of 2, ohno-mcp 6 of 37, drawio-mcp 3 of 6), OpenAPI 14
//    (Clarify 5 of 21 (11 writes), Authentiq 5 of 14 (10 writes), doqs.dev 4 of 14 (9 writes)).
// 2. the Authentiq spec (6-dot-authentiqio.appspot.com.json) turned out NOT fresh right after this draw (its provider's
//    other spec authentiq.io.json is in dev.json and earlier READMEs; the claim and the draw were run in one step
//    before the provider-name check): the whole source was withdrawn, none of its 5 tools is in the set. In its place
//    zeno.fm.json 5 of 18 (8 writes), the count fixed (equal to the withdrawn one) before its tools were drawn.
// Total 30: 16 MCP tools (four servers), 14 operations of three specs. The set is small because the labeller started
// at 01:25 UTC. No top-up.
await import('./sample-draw.mjs');
