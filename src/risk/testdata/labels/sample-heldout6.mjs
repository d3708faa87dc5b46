// Draws held-out 6 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 6 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio from the npm
// packages with dummy credentials: `azmcp server start --mode all`, Bright Data with PRO_MODE=true):
//   node <repo>/src/risk/testdata/labels/sample-heldout6.mjs --skeleton /tmp/skeleton.json \
//     amazonaws.com/secretsmanager.json=10 amazonaws.com/rds-data.json=6 amazonaws.com/redshift-data.json=10 \
//     increase.com.json=12 amazonaws.com/lightsail.json=12 keycloak.local.json=12 postmarkapp.com/server.json=10 \
//     adyen.com/PaymentService.json=8 azure.json@npm:@azure/mcp@2.0.5=20 mongodb.json@npm:mongodb-mcp-server@3.0.4=12 \
//     infisical.json@npm:@infisical/mcp@0.0.24=10 brightdata-pro.json@npm:@brightdata/mcp@2.11.3=10 \
//     gmail.json@npm:@gongrzhe/server-gmail-autoauth-mcp@1.1.11=8 discord.json@npm:mcp-discord@1.3.4=8
await import('./sample-draw.mjs');
