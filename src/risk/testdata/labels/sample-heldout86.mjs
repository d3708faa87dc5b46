// Draws held-out 86 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 86 (after `npm run build`; the MCP listings were taken with `tools/list` over stdio, see HELDOUT86-README.md,
// and saved as /tmp/mcp86/lorcana.json and /tmp/mcp86/mastergo.json):
//   node <repo>/src/risk/testdata/labels/sample-heldout86.mjs --skeleton /tmp/mcp86/skel-o.json \
//     oxforddictionaries.com.json=10 rottentomatoes.com.json=10
//   node <repo>/src/risk/testdata/labels/sample-heldout86.mjs --skeleton /tmp/mcp86/skel-m.json \
//     /tmp/mcp86/lorcana.json@npm:unofficial-ravensburger-playhub-mcp@1.2.4=15 \
//     /tmp/mcp86/mastergo.json@npm:@mastergo/magic-mcp@0.1.2=5
// How the counts came about (all four counts fixed together, before any tool definition was seen; the specs were looked
// at only as operation counts and write-operation counts, the servers only as tool-name lists):
// one draw of 40: Ravensburger Play Hub (Lorcana events) MCP 15 of 22, MasterGo magic MCP 5 of 5 (all), Oxford
// Dictionaries 10 of 26, Rotten Tomatoes 10 of 18. The total of 40 was set by the time left (started 16:20 UTC,
// deadline 16:55). No top-up.
await import('./sample-draw.mjs');
