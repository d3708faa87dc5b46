// Draws held-out 70 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 70 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see
// HELDOUT70-README.md, and saved as /tmp/mcp70/codesandbox.json, neo4j.json, astgrep.json, browsertools.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout70.mjs --skeleton /tmp/skeleton70.json \
//     /tmp/mcp70/git.json@npm:mcp-git@0.0.4=15 /tmp/mcp70/codesandbox.json@npm:code-sandbox-mcp@1.0.8=7 \
//     /tmp/mcp70/neo4j.json@npm:@alanse/mcp-neo4j-server@0.2.0=3 /tmp/mcp70/astgrep.json@npm:@notprolands/ast-grep-mcp@1.1.1=7
//   node <repo>/src/risk/testdata/labels/sample-heldout70.mjs --skeleton /tmp/skeleton70b.json \
//     /tmp/mcp70/browsertools.json@npm:@agentdeskai/browser-tools-mcp@2.0.2=16
// How the counts came about (each count fixed before the tools it adds were drawn; the servers were looked at only as
// tool-name lists before the draw; every drawn tool of a used source is labelled):
// 1. first draw of 32 MCP tools, all tools of each of four servers (15 of 15, 7 of 7, 3 of 3, 7 of 7), fixed together
//    after their tool-name listings and before any definition was read.
// 2. mcp-git@0.0.4 (15 tools) was then withdrawn whole as not fresh: shared/data's tool-label set holds another local
//    Git MCP server (same product, same tool names); its 15 labels were removed, none of its tools is in the file.
// 3. second draw, all 16 tools of @agentdeskai/browser-tools-mcp@2.0.2, fixed after its tool-name listing and before
//    any definition was read, to bring the MCP share back over 30.
// Total 33 MCP tools (four servers), no OpenAPI operation (time ran out before a fresh spec was chosen). No top-up.
await import('./sample-draw.mjs');
