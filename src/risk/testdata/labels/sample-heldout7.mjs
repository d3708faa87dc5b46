// Draws held-out 7 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 7 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio from the npm
// packages with dummy credentials and no network (`unshare -n`); Supabase with
// `--features account,database,debugging,development,functions,branching,storage`, its docs feature needing network):
//   node <repo>/src/risk/testdata/labels/sample-heldout7.mjs --skeleton /tmp/skeleton7.json \
//     amazonaws.com/ssm.json=9 amazonaws.com/iam.json=9 conjur.local.json=7 velopayments.com.json=9 \
//     clicksend.com.json=8 powerdns.local.json=8 amazonaws.com/codebuild.json=5 amazonaws.com/ecs.json=5 \
//     amazonaws.com/sesv2.json=5 \
//     supabase.json@npm:@supabase/mcp-server-supabase@0.13.0=11 paddle.json@npm:@paddle/paddle-mcp@0.1.6=10 \
//     op.json@npm:@takescake/1password-mcp@4.0.2=8 cloudbase.json@npm:@cloudbase/cloudbase-mcp@2.34.6=7 \
//     email.json@npm:@codefuturist/email-mcp@0.2.0=8 jina.json@npm:jina-mcp-tools@1.2.3=2 \
//     serper.json@npm:serper-search-scrape-mcp-server@0.1.2=2 attio.json@npm:attio-mcp-server@0.0.2=2
await import('./sample-draw.mjs');
