// Draws held-out 10 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 10 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio from the npm
// packages (each installed with --ignore-scripts) with dummy credentials and no network (`unshare -n`), HOME set to a
// scratch folder: Hostinger with HOSTINGER_API_TOKEN=dummy (all 401 tools); Metabase with METABASE_URL pointing at a
// closed loopback port and METABASE_API_KEY=dummy (TOOL_MODE unset: all 95 tools); n8n with N8N_HOST on a closed
// loopback port and N8N_API_KEY=dummy; LINE with CHANNEL_ACCESS_TOKEN=dummy and DESTINATION_USER_ID=Udummy; BullMQ with
// REDIS_URL on a closed loopback port; Creem as `start --api-key dummy`; Code Runner with no settings; the debugger as
// `stdio`):
//   node <repo>/src/risk/testdata/labels/sample-heldout10.mjs --skeleton /tmp/skeleton10.json \
//     amazonaws.com/ecr.json=9 amazonaws.com/mq.json=8 amazonaws.com/batch.json=8 googleapis.com/bigquery.json=9 \
//     paylocity.com.json=9 configcat.com.json=6 fire.com.json=12 victorops.com.json=6 jira.local.json=7 \
//     salesloft.com.json=4 googleapis.com/apikeys.json=6 sms77.io.json=5 \
//     hostinger.json@npm:hostinger-api-mcp@1.63.2=12 metabase.json@npm:@easecloudio/mcp-metabase-server@1.3.0=11 \
//     n8n.json@npm:@illuminaresolutions/n8n-mcp-server@1.0.1=10 line.json@npm:@line/line-bot-mcp-server@0.5.0=12 \
//     bullmq.json@npm:@adamhancock/bullmq-mcp@1.0.7=8 creem.json@npm:creem@1.13.0=8 \
//     coderunner.json@npm:mcp-server-code-runner@0.1.8=1 debugger.json@npm:@debugmcp/mcp-debugger@0.24.2=10
await import('./sample-draw.mjs');
