// Draws held-out 37 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 37 (after `npm run build`, in the folder of the MCP listing, which was taken over stdio (`tools/list`)
// from the npm package (installed with --ignore-scripts into its own scratch folder) with no network (`unshare -n`),
// `env -i` with HOME set to a scratch folder, started in an empty scratch folder: @daylight-labs/popdb-mcp@0.2.3 with
// no credentials set (it needs none to list; 47 tools); nothing was reachable and no call other than initialize and
// tools/list was made):
//   node <repo>/src/risk/testdata/labels/sample-heldout37.mjs --skeleton /tmp/skeleton37.json \
//     agco-ats.com.json=14 figshare.com.json=12 ato.gov.au.json=8 \
//     popdb.json@npm:@daylight-labs/popdb-mcp@0.2.3=26
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and keyword counts before the draw, the MCP listing as tool names; every drawn tool is labelled):
// 1. one draw of 56 tools, with the counts fixed together before any tool was seen: the MCP server to 22 of 47
//    (PopDB), the three specs to 34 operations (AGCO API 14 of 277, Figshare 12 of 136, ATO Business Registries 8 of
//    74). bunqueue's MCP server was installed first and dropped before any draw: it runs only under Bun.
// 2. one top-up, fixed before its tools were seen: PopDB from 22 to 26 (a longer prefix of the same SHA-256 order),
//    because the first draw held at most one code-execution positive (replay_dlq); 26 + 34 = 60, the cap.
//    Total 60: 26 MCP tools, 34 operations.
await import('./sample-draw.mjs');
