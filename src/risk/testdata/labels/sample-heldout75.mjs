// Draws held-out 75 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 75 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see
// HELDOUT75-README.md, and saved as /tmp/mcp75/instantly.json and /tmp/mcp75/automsg.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout75.mjs --skeleton /tmp/mcp75/skeleton75m.json \
//     /tmp/mcp75/instantly.json@npm:instantly-mcp@1.0.5=22 \
//     /tmp/mcp75/automsg.json@npm:@stockmandigital/automessage-mcp@0.2.0=11
//   node <repo>/src/risk/testdata/labels/sample-heldout75.mjs --skeleton /tmp/mcp75/skeleton75o.json \
//     interzoid.com/getemailinfo.json=1 interzoid.com/getglobalnumberinfo.json=1 \
//     interzoid.com/getareacodefromnumber.json=1 interzoid.com/getfullnamematch.json=1 \
//     interzoid.com/getfullnameparsedmatch.json=1 interzoid.com/getaddressmatch.json=1 \
//     scrapewebsite.email.json=3 cowin.gov.cin/cowincert.json=1
// How the counts came about (each count fixed before the tools it adds were drawn; the servers were looked at only as
// tool-name lists and the specs only as operation lists with write counts before the draw; every drawn tool is
// labelled):
// 1. MCP: both servers taken whole (22 of 22 and 11 of 11), fixed together after their tool-name lists were seen
//    and before any definition was read; the only fresh npm servers of the aim found that installed and listed
//    offline.
// 2. OpenAPI: 10 operations, fixed together before any was read: six one-operation specs of one provider chosen by
//    title for contact and person data (e-mail, phone number, name and address matching), one spec of three
//    operations that collects e-mail addresses, and one of one operation returning a vaccination certificate. No
//    fresh spec of the directory sends, posts or invites.
// Total 43: 33 MCP tools (two servers), 10 operations of eight specs (three providers). No top-up.
await import('./sample-draw.mjs');
