// Draws held-out 60 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 60 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT60-README.md,
// and saved as /tmp/mcp60/{sanity,falconer,astrotask,libsql}.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout60.mjs --skeleton /tmp/skeleton60m.json \
//     /tmp/mcp60/sanity.json@npm:@sanity/mcp-server@0.12.1=11 /tmp/mcp60/falconer.json@npm:@falconer/mcp@0.2.1=11 \
//     /tmp/mcp60/astrotask.json@npm:@astrotask/mcp@1.3.0=4 /tmp/mcp60/libsql.json@npm:mcp-memory-libsql@0.0.17=4
//   node <repo>/src/risk/testdata/labels/sample-heldout60.mjs --skeleton /tmp/skeleton60o.json \
//     sheerseo.com.json=4 spinbot.net.json=3 text2data.org.json=3
//   node <repo>/src/risk/testdata/labels/sample-heldout60.mjs --skeleton /tmp/skeleton60t.json \
//     /tmp/mcp60/astrotask.json@npm:@astrotask/mcp@1.3.0=8 /tmp/mcp60/libsql.json@npm:mcp-memory-libsql@0.0.17=6 \
//     spinbot.net.json=5 text2data.org.json=6 breadcrumbs.one.json=5 nlpcloud.io.json=5 openalpr.com.json=4
// The file is the union of the three skeletons (a source drawn twice keeps its first N by the same SHA-256 order, so
// the top-up adds only the next tools of each); 65 tools.
// How the counts came about (each count fixed before the tools it adds were drawn; the servers were looked at only as
// tool-name lists, the specs only as operation and write-operation counts; every drawn tool is labelled):
// 1. first draw, all counts fixed together: MCP Sanity 11 of 34, Falconer 11 of 41, Astrotask 4 of 8,
//    mcp-memory-libsql 4 of 6 (30 MCP tools, the share asked); OpenAPI SheerSEO 4 of 4 (4 writes), Spinbot 3 of 5
//    (4 writes), text2data 3 of 6 (3 writes): the few fresh specs with writes left unclaimed, after three first choices
//    turned out claimed by others or not fresh (withdrawn, not drawn). 40 tools.
// 2. top-up toward 60, counts fixed together after the first draw was labelled and before any of its new tools was
//    seen: Astrotask to 8 of 8 (+4), mcp-memory-libsql to 6 of 6 (+2), Spinbot to 5 of 5 (+2), text2data to 6 of 6
//    (+3), and three new specs whole: Breadcrumbs 5 of 5 (3 writes), NLP Cloud 5 of 5 (3 writes), OpenALPR 4 of 4
//    (3 writes). Meant as +20; a slip in the sum made it +25, so the set has 65 tools (none dropped).
await import('./sample-draw.mjs');
