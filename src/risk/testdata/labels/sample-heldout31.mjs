// Draws held-out 31 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 31 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio (`tools/list`)
// from the npm packages (each installed with --ignore-scripts into its own scratch folder) with dummy credentials and
// no network (`unshare -n`), `env -i` with HOME set to a scratch folder, each started in an empty scratch folder:
// mssql-mcp-server@1.3.0 and mssql-mcp-node@3.0.4 with MSSQL_SERVER/MSSQL_USER/MSSQL_PASSWORD/MSSQL_DATABASE and
// DB_SERVER/DB_USER/DB_PASSWORD/DB_DATABASE set to dummy values (33 and 11 tools); nothing was reachable and no call
// other than initialize and tools/list was made):
//   node <repo>/src/risk/testdata/labels/sample-heldout31.mjs --skeleton /tmp/skeleton31.json \
//     credas.co.uk/pi.json=12 orbit.love.json=12 bungie.net.json=14 \
//     mssql-node.json@npm:mssql-mcp-node@3.0.4=11 mssql-server.json@npm:mssql-mcp-server@1.3.0=31
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and keyword counts before the draw, MCP listings as tool names; every drawn tool is labelled):
// 1. one draw of 80 tools, the cap, with the counts fixed together before any tool was seen: the two MCP servers to
//    42 tools (mssql-mcp-node whole, 11; mssql-mcp-server 31 of 33) and the three specs to 38 operations (Credas PI
//    12 of 37, Orbit 12 of 33, Bungie.net 14 of 134: Bungie the most, for its clan membership administration).
// 2. no top-up (the draw reached the cap of 80). Total 80: 42 MCP tools, 38 operations.
await import('./sample-draw.mjs');
