// Draws held-out 40 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 40 (after `npm run build`; OpenAPI operations only, no MCP listing was taken: see HELDOUT40-README.md):
//   node <repo>/src/risk/testdata/labels/sample-heldout40.mjs --skeleton /tmp/skeleton40.json \
//     frankiefinancial.io.json=31 ticketmaster.com/publish.json=10 elevenlabs.io.json=19
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and keyword counts before the draw; every drawn tool is labelled):
// 1. one draw of 60 tools, the cap, with the counts fixed together before any tool was seen: Ticketmaster Publish all
//    10 (public publishing of attractions, events and venues), ElevenLabs all 19 (voice and speech operations),
//    Frankie Financial 31 of 46 (the rest to the cap; its push-to-mobile verification operations send links to a
//    person's phone).
// 2. no top-up (the draw reached the cap of 60). Total 60: 0 MCP tools, 60 operations of three specs (three
//    providers).
await import('./sample-draw.mjs');
