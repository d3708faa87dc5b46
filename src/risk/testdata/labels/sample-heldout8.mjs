// Draws held-out 8 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 8 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio from the npm
// packages (each installed with --ignore-scripts) with dummy credentials and no network (`unshare -n`), HOME set to a
// scratch folder: Heroku with HEROKU_API_KEY=dummy under a Node resolve hook that appends `.js` to its extensionless
// SDK imports (its @heroku/plugin-ai tools are absent without the CLI plugin); Doppler with DOPPLER_TOKEN=dp.pt.dummy and
// DOPPLER_BASE_URL pointing at a loopback stub that answers its start-up connection test; QuickBooks with
// QBO_CLIENT_ID/QBO_CLIENT_SECRET=dummy; Auth0 as `run` with AUTH0_DOMAIN=dummy.auth0.com AUTH0_TOKEN=dummy; Desktop
// Commander and bash-command-mcp with no settings):
//   node <repo>/src/risk/testdata/labels/sample-heldout8.mjs --skeleton /tmp/skeleton8.json \
//     amazonaws.com/kms.json=9 amazonaws.com/eks.json=8 amazonaws.com/athena.json=7 amazonaws.com/organizations.json=7 \
//     googleapis.com/sqladmin.json=9 googleapis.com/iamcredentials.json=4 gitea.io.json=10 zuora.com.json=9 \
//     telnyx.com.json=8 qualpay.com.json=4 telegram.org.json=8 \
//     dc.json@npm:@wonderwhy-er/desktop-commander@0.2.52=11 heroku.json@npm:@heroku/mcp-server@1.2.8=13 \
//     doppler.json@npm:@dopplerhq/mcp-server@1.0.5=15 qbo.json@npm:quickbooks-mcp@0.11.0=13 \
//     auth0.json@npm:@auth0/auth0-mcp-server@0.1.0-beta.19=12 bashcmd.json@npm:bash-command-mcp@0.1.5=6
await import('./sample-draw.mjs');
