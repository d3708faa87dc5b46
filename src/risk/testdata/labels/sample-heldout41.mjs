// Draws held-out 41 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 41 (after `npm run build`; OpenAPI operations only, no MCP listing was taken: see HELDOUT41-README.md):
//   node <repo>/src/risk/testdata/labels/sample-heldout41.mjs --skeleton /tmp/skeleton41.json \
//     phantauth.net.json=10 digitallocker.gov.in/authpartner.json=22 passwordutility.net.json=2 \
//     lambdatest.com.json=9 getsandbox.com.json=9 code-scan.com.json=2 dataflowkit.com.json=5
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists (method and path) before the draw; every drawn tool is labelled):
// 1. one draw of 59 tools, every operation of each of the seven specs, the counts fixed together before any tool was
//    seen: PhantAuth all 10 (client and user tokens), DigiLocker auth partner all 22 (OAuth code, token, device code,
//    revocation), Password Utility all 2 (password generation), LambdaTest Screenshots all 9 (test runs), GetSandbox
//    all 9 (hosted mock sandboxes), Code-Scan all 2 (analysis jobs), Dataflow Kit all 5 (rendering web pages).
// 2. no top-up: the seven specs hold 59 operations in all, one under the cap of 60. Total 59: 0 MCP tools, 59
//    operations of seven specs (seven providers).
await import('./sample-draw.mjs');
