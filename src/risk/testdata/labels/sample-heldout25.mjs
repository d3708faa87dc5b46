// Draws held-out 25 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 25 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio (`tools/list`)
// from the npm packages (each installed with --ignore-scripts) with dummy credentials and no network (`unshare -n`),
// `env -i` with HOME set to a scratch folder, each started in an empty scratch folder:
// @paypal/agent-toolkit@1.8.0 (its `mcp` export, the MCP server `PayPalAgentToolkit`, started over stdio by a
// five-line wrapper with accessToken=dummy, sandbox context and every product's actions switched on, what
// `--tools=all` means; 32 tools); mcp-ssh-manager@3.8.5 with no settings (37); nothing was reachable and no call
// other than tools/list was made):
//   node <repo>/src/risk/testdata/labels/sample-heldout25.mjs --skeleton /tmp/skeleton25.json \
//     ote-godaddy.com/certificates.json=12 voodoomfg.com.json=8 circuitsandbox.net.json=18 \
//     codat.io/accounting.json=14 presalytics.io/story.json=12 \
//     paypal.json@npm:@paypal/agent-toolkit@1.8.0=20 sshmgr.json@npm:mcp-ssh-manager@3.8.5=16
// How the counts came about (each count fixed before the tools it adds were drawn; specs were looked at only as
// operation lists and keyword counts before a draw, MCP listings as tool names; every drawn tool is labelled):
// 1. one draw of 100 tools, the cap: PayPal 20 (of 32) and mcp-ssh-manager 16 (of 37) (36 MCP tools); GoDaddy
//    certificates 12, Voodoo Manufacturing 8, Circuit 18, Codat Accounting 14, Presalytics Story 12 (64 operations).
//    Three other chosen servers (ssh-mcp, @headless-commerce/mcp-server, @masonator/coolify-mcp) were listed and then
//    dropped before any draw: the freshness check found each in an earlier set's README. No top-up.
await import('./sample-draw.mjs');
