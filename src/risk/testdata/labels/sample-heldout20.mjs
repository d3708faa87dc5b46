// Draws held-out 20 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 20 (after `npm run build`); OpenAPI operations only (no MCP server was listed this time: see
// HELDOUT20-README.md):
//   node <repo>/src/risk/testdata/labels/sample-heldout20.mjs --skeleton /tmp/skeleton20.json \
//     ritc.io.json=20 netlicensing.io.json=10 mandrillapp.com.json=24 gambitcomm.local/mimic.json=26 \
//     vmware.local/vrni.json=10 runscope.com.json=20 keyserv.solutions.json=8 surevoip.co.uk.json=20 \
//     openchannel.io/market.json=20 cenit.io.json=10 linuxfoundation.org/reimbursement.json=7 \
//     etsi.local/MEC010-2_AppPkgMgmt.json=6 restful4up.local.json=5
// How the counts came about (each count fixed before the tools it adds were seen; the specs were looked at only as
// operation and keyword counts before a draw; raised counts are longer prefixes of the same SHA-256 order; every
// drawn tool is labelled):
// 1. first draw, 119 operations of 12 specs: ritc.io 12, NetLicensing 10, Mandrill 12, MIMIC 14, vRNI 10,
//    Runscope 10, KeyServ 8, SureVoIP 10, OpenChannel market 10, Cenit 10, Linux Foundation reimbursement 7 (all),
//    ETSI MEC010-2 app package management 6.
// 2. a first reading was short of every critical category except destructive and personal data: one top-up of the
//    four sources whose keyword counts promised most (ritc.io to 20, MIMIC to 26, SureVoIP to 20, OpenChannel to
//    20): 159 operations.
// 3. labelled: code execution 2, infrastructure 2, external communication 2, administrative 3, credential access 4,
//    financial 5: Mandrill raised to 24 and Runscope to 20 (181 operations).
// 4. still code execution 2: RESTful4Up (all 5) added (186 operations). No further top-up: the deadline.
await import('./sample-draw.mjs');
