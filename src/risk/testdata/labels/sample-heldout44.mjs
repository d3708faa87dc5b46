// Draws held-out 44 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 44 (after `npm run build`; OpenAPI operations only, no MCP listing was taken: see HELDOUT44-README.md):
//   node <repo>/src/risk/testdata/labels/sample-heldout44.mjs --skeleton /tmp/skeleton44.json \
//     chain49.com.json=18 vatapi.com.json=11 paypi.dev.json=2 ebay.com/sell-negotiation.json=2 exhibitday.com.json=23
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and keyword counts before the draw; every drawn tool is labelled):
// 1. one draw of 56 tools, with the counts fixed together before any tool was seen: Chain49 all 18 (for its two
//    transaction broadcasts), VAT API all 11 (for its invoices), PayPI EmailVerify all 2 (for its code send), eBay
//    Negotiation all 2 (for its offer send to buyers; eBay's second spec over all sets), ExhibitDay all 23 (task
//    comments and event costs; the rest of the fresh specs with writes held no send or payment).
// 2. no top-up (every operation of the five specs is drawn). Total 56: 0 MCP tools, 56 operations of five specs
//    (five providers).
await import('./sample-draw.mjs');
