// Draws held-out 67 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 67 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, network cut, dummy
// credentials, see HELDOUT67-README.md, and saved as /tmp/mcp67/mailtrap.json and /tmp/mcp67/bycrawl.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout67.mjs --skeleton /tmp/skeleton67m.json \
//     /tmp/mcp67/mailtrap.json@npm:mcp-mailtrap@0.9.0=30 /tmp/mcp67/bycrawl.json@npm:@bycrawl/mcp@0.9.0=10
//   node <repo>/src/risk/testdata/labels/sample-heldout67.mjs --skeleton /tmp/skeleton67o.json \
//     ipqualityscore.com.json=3 mailboxvalidator.com/validation.json=1 mailboxvalidator.com/disposable.json=1 \
//     mailboxvalidator.com/checker.json=1 remove.bg.json=3 json2video.com.json=2 exoapi.dev.json=4 giphy.com.json=5
// How the counts came about (all counts fixed together before any tool definition was seen; the servers were looked
// at only as tool-name lists and the specs only as operation lists (method + path) before the draw; every drawn tool
// is labelled):
// 1. MCP, 40 tools: mcp-mailtrap 30 of 125 (the one fresh e-mail server found that installs here; most of its tools
//    write or send), @bycrawl/mcp 10 of 99 (social-media reads; no fresh sending server besides Mailtrap installed).
// 2. OpenAPI, 20 operations: IPQualityScore 3 of 3 (e-mail / phone / URL reputation), MailboxValidator 1 of 1 in each
//    of its three specs, remove.bg 3 of 3 (2 writes), JSON2Video 2 of 2 (1 write), ExoAPI 4 of 4 (2 POSTs), Giphy 5 of
//    10. Fresh directory specs with writes were scarce; these were chosen from the fresh ones nearest the aim
//    (contact-data checks) or holding POSTs.
// Total 60: 40 MCP tools (two servers), 20 operations of eight spec files (six providers). No top-up.
await import('./sample-draw.mjs');
