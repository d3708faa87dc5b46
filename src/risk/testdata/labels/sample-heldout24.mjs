// Draws held-out 24 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 24 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio (`tools/list`)
// from the npm packages (each installed with --ignore-scripts) with dummy credentials and no network (`unshare -n`),
// `env -i` with HOME set to a scratch folder, each started in an empty scratch folder:
// icloud-mcp with IMAP_USER=dummy@icloud.com and IMAP_PASSWORD=dummy (69 tools); mcp-mail-server with
// IMAP_HOST=127.0.0.1 IMAP_PORT=993 IMAP_SECURE=true SMTP_HOST=127.0.0.1 SMTP_PORT=465 SMTP_SECURE=true
// EMAIL_USER=dummy@example.com EMAIL_PASS=dummy (24); mcp-alertmanager with `--url http://127.0.0.1:59993` (12; its Go
// binary ships inside the npm package mcp-alertmanager-linux-amd64, nothing is downloaded); dbeaver-mcp-server with no
// settings (21); mcp-graphql with ENDPOINT=http://127.0.0.1:59994/graphql (2); strapi-mcp with
// STRAPI_URL=http://127.0.0.1:59992 and STRAPI_API_TOKEN=dummy (20); nothing was reachable and no call other than
// tools/list was made):
//   node <repo>/src/risk/testdata/labels/sample-heldout24.mjs --skeleton /tmp/skeleton24.json \
//     solarvps.com.json=20 citrixonline.com/scim.json=8 id4i.de.json=10 adafruit.com.json=9 api.video.json=8 \
//     etherpad.local.json=8 apideck.com/sms.json=5 apideck.com/accounting.json=10 vimeo.com.json=10 \
//     icloud.json@npm:icloud-mcp@2.5.1=20 mail.json@npm:mcp-mail-server@1.2.1=16 \
//     alertmanager.json@npm:mcp-alertmanager@2.1.1=8 dbeaver.json@npm:dbeaver-mcp-server@1.3.0=14 \
//     graphql.json@npm:mcp-graphql@2.0.4=2 strapi.json@npm:strapi-mcp@0.2.3=12
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and keyword counts before a draw, MCP listings as tool names; raised counts are longer prefixes of
// the same SHA-256 order; every drawn tool is labelled):
// 1. first draw, 148 tools: SolarVPS 12, GoTo SCIM 8, ID4i 10, Adafruit IO 9, api.video 8, Etherpad 8, Apideck SMS 5
//    (all), Apideck Accounting 10, Vimeo 10 (80 operations) and icloud-mcp 20, mcp-mail-server 12, mcp-alertmanager 8,
//    dbeaver-mcp-server 14, mcp-graphql 2 (all), strapi-mcp 12 (68 MCP tools); 12 tools kept back under the cap.
// 2. read by tool names (before labelling): infrastructure 3 (all SolarVPS), external communication 2 or 3, financial
//    none: SolarVPS raised to 20 (all: its DNS, domain and pod-action operations) and mcp-mail-server to 16 (its
//    remaining tools include a reply), which reached 160 tools, the cap; no further top-up (see HELDOUT24-README.md).
await import('./sample-draw.mjs');
