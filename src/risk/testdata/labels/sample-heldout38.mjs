// Draws held-out 38 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 38 (after `npm run build`; OpenAPI operations only, no MCP listing was taken: see HELDOUT38-README.md):
//   node <repo>/src/risk/testdata/labels/sample-heldout38.mjs --skeleton /tmp/skeleton38.json \
//     neutrinoapi.net.json=24 fraudlabspro.com/sms-verification.json=2 fraudlabspro.com/fraud-detection.json=2 \
//     lyft.com.json=16 tokenjay.app.json=16
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and keyword counts before the draw; every drawn tool is labelled):
// 1. one draw of 60 tools, the cap, with the counts fixed together before any tool was seen: Neutrino API 24 of 28
//    (for its SMS, voice-call and playback operations), FraudLabs Pro SMS Verification all 2 and Fraud Detection all 2
//    (one provider, two specs), Lyft all 16 (ride requests and tips), TokenJay 16 of 27 (Ergo payment requests and
//    exchanges).
// 2. no top-up (the draw reached the cap of 60). Total 60: 0 MCP tools, 60 operations of five specs (four providers).
await import('./sample-draw.mjs');
