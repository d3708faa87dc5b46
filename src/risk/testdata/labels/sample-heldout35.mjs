// Draws held-out 35 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 35 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio (`tools/list`)
// from the npm packages (each installed with --ignore-scripts into its own scratch folder) with no credentials needed
// and no network (`unshare -n`), `env -i` with HOME set to a scratch folder, each started in an empty scratch folder:
// domain-search-mcp@1.13.1 (`domain-search-mcp`, no keys set; 12 tools); recker@1.0.56 (`recker mcp`, its default
// stdio profile; 7 tools); nothing was reachable and no call other than initialize and tools/list was made):
//   node <repo>/src/risk/testdata/labels/sample-heldout35.mjs --skeleton /tmp/skeleton35.json \
//     zapier.com/nla.json=5 openapi.space.json=8 formapi.io.json=14 watchful.li.json=20 slmonitor.com.json=16 \
//     domainsearch.json@npm:domain-search-mcp@1.13.1=10 recker.json@npm:recker@1.0.56=7
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and keyword counts before the draw, MCP listings as tool names; every drawn tool is labelled):
// 1. one draw of 64 tools, with the counts fixed together before any tool was seen: the five specs to 47 operations
//    (Zapier NLA all 5, OpenAPI space 8 of 15, FormAPI 14 of 35, watchful.li 12 of 59, SafetyLine 8 of 16) and the
//    two MCP servers to 17 tools (domain-search-mcp 10 of 12, recker 7 of 7). App Center (appcenter.ms.json), looked
//    at first, was claimed by held-out 34 and not drawn.
// 2. after all 64 were labelled, one top-up to the cap of 80, both counts fixed together before the added tools were
//    drawn (a longer prefix of the same SHA-256 order): SafetyLine to all 16 (+8) and watchful.li to 20 of 59 (+8).
//    Total 80: 17 MCP tools, 63 operations.
await import('./sample-draw.mjs');
