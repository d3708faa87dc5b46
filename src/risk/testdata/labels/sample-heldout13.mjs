// Draws held-out 13 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// Held-out 13 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio from the npm
// packages (each installed with --ignore-scripts) with dummy credentials and no network (`unshare -n`), `env -i` with
// HOME set to a scratch folder: the Nomad server's linux-x64 binary with `--transport stdio`, NOMAD_ADDR on a loopback
// stub inside the namespace that answers its start-up `GET /v1/status/leader` (and `[]` to anything else) and
// NOMAD_TOKEN=dummy (50 tools); the MySQL server given `mysql://dummy:dummy@127.0.0.1:9/dummy` and no permission
// filter (all 88 tools); CCXT with no settings (24 tools); Google Calendar with GOOGLE_OAUTH_CREDENTIALS pointing at a
// dummy "installed" client file (13 tools); just-bash with no settings (21 tools); ssh-mcp with
// `--host=127.0.0.1 --port=9 --user=dummy` and SSH_MCP_PASSWORD=dummy (14 tools)):
//   node <repo>/src/risk/testdata/labels/sample-heldout13.mjs --skeleton /tmp/skeleton13.json \
//     bluemix.net/containers.json=10 ix-api.net.json=10 combell.com.json=8 orthanc-server.com.json=11 \
//     dracoon.team.json=11 meilisearch.com.json=7 appveyor.com.json=8 sakari.io.json=6 taxamo.com.json=10 \
//     pay1.de/link.json=4 billingo.hu.json=14 \
//     nomad.json@npm:@kocierik/mcp-nomad-linux-x64@0.3.1=24 mysql.json@npm:@berthojoris/mcp-mysql-server@1.43.2=14 \
//     ccxt.json@npm:@mcpfun/mcp-server-ccxt@1.2.1=20 gcal.json@npm:@cocal/google-calendar-mcp@2.6.3=10 \
//     justbash.json@npm:just-bash-mcp@3.1.0=10 ssh.json@npm:ssh-mcp@2.11.0=14
// How the counts came about (each count fixed before the tools it adds were seen; every drawn tool is labelled): the
// first draw was the ten specs above without Billingo and the five servers without ssh-mcp, with Nomad 16 and CCXT 12
// (147 tools). Labelled, it had code-execution 4, financial 5 and infrastructure 6. Nomad was raised to 24 and CCXT to
// 20 (longer prefixes of the same SHA-256 order): +1 infrastructure, no financial or code-execution. Billingo (8) and
// ssh-mcp (7) were then added: +1 financial, no code-execution; last both were raised to 14 (ssh-mcp: all its tools):
// financial 7, code-execution 8, infrastructure 7. Hence 191 tools, over the ~150 target.
await import('./sample-draw.mjs');
