// Draws held-out 18 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 18 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio from the npm
// packages (each installed with --ignore-scripts) with dummy credentials and no network (`unshare -n`), `env -i` with
// HOME set to a scratch folder, each started in an empty scratch folder: Paperless with
// PAPERLESS_URL=http://127.0.0.1:9 and PAPERLESS_API_KEY=dummy (44 tools); App Store Connect with
// APP_STORE_CONNECT_ISSUER_ID/APP_STORE_CONNECT_KEY_ID dummies and APP_STORE_CONNECT_P8_PATH pointing at a dummy file
// (25 tools); ComfyUI with COMFYUI_URL=http://127.0.0.1:9 (41 tools); the *arr server with SONARR/RADARR/LIDARR/
// PROWLARR _URL=http://127.0.0.1:9 and _API_KEY=dummy (66 tools, one name listed twice); XcodeBuildMCP started as
// `xcodebuildmcp mcp` with no settings (24 tools)):
//   node <repo>/src/risk/testdata/labels/sample-heldout18.mjs --skeleton /tmp/skeleton18.json \
//     illumidesk.com.json=12 maif.local/otoroshi.json=16 wowza.com.json=14 whatsapp.local.json=8 \
//     exavault.com.json=8 reverb.com.json=10 avaza.com.json=10 anchore.io.json=8 iqualify.com.json=10 \
//     impala.travel/hotels.json=10 amadeus.com/amadeus-flight-create-orders.json=1 \
//     amadeus.com/amadeus-flight-order-management.json=2 envoice.in.json=10 telstra.com.json=18 \
//     paperless.json@npm:@baruchiro/paperless-mcp@2.2.1=14 asc.json@npm:appstore-connect-mcp-server@1.1.3=12 \
//     comfy.json@npm:comfyui-mcp@0.52.203=20 arr.json@npm:mcp-arr-server@1.7.3=12 \
//     xcode.json@npm:xcodebuildmcp@2.7.0=12
// How the counts came about (each count fixed before the tools it adds were seen; the MCP listings were inspected
// only as keyword counts before the draw; every drawn tool is labelled; raised counts are longer prefixes of the same
// SHA-256 order):
// 1. first draw, 150 tools: the nine specs from IllumiDesk to iQualify with otoroshi=10 and wowza=10 (86 operations),
//    and the five servers with comfyui=14 (64 tools). A first reading (before the labels were written) found no
//    financial tool, 4 external-communication, about 5 infrastructure and 6 code-execution positives; the final
//    labels of these 150 tools give financial 0, external-communication 4, infrastructure 7, code-execution 6.
// 2. added for money: Impala hotel bookings (all 10), Amadeus flight orders (create 1 of 1, management 2 of 2),
//    envoice (10); for infrastructure Otoroshi raised to 16 and Wowza to 14; for code execution ComfyUI raised to 20
//    (189 tools). Labelled: financial 6, code-execution 7 (ComfyUI's `batch`), infrastructure still 7 (the ten added
//    Otoroshi and Wowza operations brought none), external-communication still 4.
// 3. added for communication: Telstra Messaging (all 18), hence 207 drawn tools (137 operations, 70 MCP tools) and
//    206 labels: mcp-arr-server lists `lidarr_get_quality_profiles` twice (two definitions under one name, both
//    drawn); a label file keys tools by name, so the first definition is kept (both are the same kind of read).
await import('./sample-draw.mjs');
