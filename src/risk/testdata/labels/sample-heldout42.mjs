// Draws held-out 42 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 42 (after `npm run build`; OpenAPI operations only, no MCP listing was taken: see HELDOUT42-README.md):
//   node <repo>/src/risk/testdata/labels/sample-heldout42.mjs --skeleton /tmp/skeleton42.json \
//     slideroom.com.json=11 brainbi.net.json=14 tvmaze.com.json=15 vocadb.net.json=20
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and keyword counts before the draw; every drawn tool is labelled):
// 1. one draw of 60 tools, the cap, with the counts fixed together before any tool was seen: SlideRoom all 11
//    (admissions applicants: personal data, attribute deletes), brainbi all 14 (shop customers and orders, deletes),
//    TVmaze user API 15 of 42 (a user's follows, tags and votes, nine deletes), VocaDB 20 of 129 (users, comments,
//    entries, twenty deletes).
// 2. no top-up (the draw reached the cap of 60). Total 60: 0 MCP tools, 60 operations of four specs (four providers).
await import('./sample-draw.mjs');
