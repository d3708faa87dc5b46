// Draws held-out 27 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 27 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio (`tools/list`)
// from the npm packages (each installed with --ignore-scripts) with dummy credentials and no network (`unshare -n`),
// `env -i` with HOME set to a scratch folder, each started in an empty scratch folder:
// mcp-postgres-server@0.3.1 with DATABASE_URL/PG* set to dummy values (5 tools); @liangshanli/mcp-server-mysql@3.1.0
// with MYSQL_HOST/PORT/USER/PASSWORD/DATABASE set to dummy values (5 tools); nothing was reachable and no call other
// than tools/list was made):
//   node <repo>/src/risk/testdata/labels/sample-heldout27.mjs --skeleton /tmp/skeleton27.json \
//     youneedabudget.com.json=31 testfire.net/altoroj.json=12 fulfillment.com.json=13 \
//     royalmail.com/click-and-drop.json=9 cloud-elements.com/ecwid.json=25 \
//     pg.json@npm:mcp-postgres-server@0.3.1=5 mysql.json@npm:@liangshanli/mcp-server-mysql@3.1.0=5
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and keyword counts before a draw, MCP listings as tool names; every drawn tool is labelled):
// 1. first draw of 68 tools: mcp-postgres-server all 5 and @liangshanli/mcp-server-mysql all 5 (10 MCP tools);
//    YNAB 14 (of 31), Altoro Mutual (testfire) all 12, Fulfillment.com all 13, Royal Mail Click & Drop all 9,
//    Ecwid via Cloud Elements 10 (of 42) (58 operations). A third server (@executeautomation/database-server@1.1.0)
//    was installed but not listed in time and not drawn.
// 2. one top-up of 32, both counts fixed before its tools were seen, to reach the cap of 100: YNAB 14 -> 31 (all)
//    and Ecwid 10 -> 25 (the longer prefix of the same SHA-256 order; the first 68 are unchanged). Total 100: 10 MCP
//    tools, 90 operations.
await import('./sample-draw.mjs');
