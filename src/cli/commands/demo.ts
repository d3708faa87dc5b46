import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { generateApiKey } from '../../authn/api-key.js';
import { loadConfigFile } from '../../config/load.js';
import { demoConfigYaml } from '../../demo/demo-config.js';
import { startBillingApi } from '../../demo/billing-api/index.js';
import { openStore } from '../context.js';
import { runGateway, stopOnSignals } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'Start the gateway with the bundled demo (SQLite store, a helpdesk MCP upstream, a billing OpenAPI backend, two agents)',
    )
    .option('-d, --dir <dir>', 'where the demo keeps its config and data', '.portcullis/demo')
    .option(
      '-p, --port <port>',
      'port (0 = any free port)',
      (v) => Number.parseInt(v, 10),
      Number(process.env.PORTCULLIS_PORT ?? 8080),
    )
    .action(async (opts: { dir: string; port: number }) => {
      const dir = resolve(opts.dir);
      mkdirSync(dir, { recursive: true });
      const file = resolve(dir, 'portcullis.yaml');
      // The demo billing API and its key: the key reaches the gateway through the environment only.
      const billingKey = randomBytes(24).toString('base64url');
      const billing = await startBillingApi(0, { apiKey: billingKey });
      process.env.PORTCULLIS_DEMO_BILLING_KEY = billingKey;
      writeFileSync(file, demoConfigYaml(opts.port, billing.specPath));
      let loaded = loadConfigFile(file);

      // Fresh keys every start: the old ones are revoked, the new ones shown once.
      const store = await openStore(loaded);
      const keys: Record<string, string> = {};
      for (const agent of Object.keys(loaded.config.agents)) {
        const { key, record } = generateApiKey(agent);
        await store.apiKeys.rotate(record);
        keys[agent] = key;
      }
      for (const user of Object.keys(loaded.config.users)) {
        const { key, record } = generateApiKey(user, 'user');
        await store.apiKeys.rotate(record);
        keys[user] = key;
      }
      await store.close();

      let running;
      try {
        running = await runGateway(loaded);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
        process.stderr.write(`portcullis: port ${opts.port} is in use; picking a free port\n`);
        writeFileSync(file, demoConfigYaml(0, billing.specPath));
        loaded = loadConfigFile(file);
        running = await runGateway(loaded);
      }
      const url = running.front.url;
      const base = url.replace(/\/mcp$/, '');
      const cliName = `node ${resolve(process.argv[1] ?? 'dist/cli/main.js')}`;
      const inventory = running.gw
        .catalog()
        .all()
        .map(
          (e) =>
            `  ${e.name.padEnd(30)} ${e.risk.level.padEnd(7)} ${e.risk.categories.join(', ') || '-'}${e.quarantined ? '  (QUARANTINED)' : ''}`,
        )
        .join('\n');
      process.stdout.write(`
Portcullis demo is running.

  MCP endpoint   ${url}   (Streamable HTTP; 2025-11-25 and 2026-07-28 clients)
  Health         ${url.replace(/\/mcp$/, '/readyz')}
  Config         ${file}   (edit it: the gateway reloads)

Tools and their risk (portcullis scan ... shows the reasons):
${inventory}

Demo agents (keys are shown once; a restart issues new ones):
  support-bot  ${keys['support-bot']}
               may read tickets, customers and invoices only
  ops-agent    ${keys['ops-agent']}
               may work tickets, invoice and refund; never deletes, never manages users

Try it (the gateway only lists what each agent may use):
  curl -s ${url} -H 'Authorization: Bearer ${keys['support-bot']}' \\
    -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \\
    -H 'MCP-Protocol-Version: 2026-07-28' -H 'Mcp-Method: tools/list' \\
    -d '{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"curl","version":"1"},"io.modelcontextprotocol/clientCapabilities":{}}}}'

Approvals: every refund by ops-agent waits for a person in finance (the call waits up to 30 s, sending
progress; after that it returns an approval id, and the agent calls portcullis_approval_status with it).
  demo-approver  ${keys['demo-approver']}
               role approver, group finance (a user key for the REST API and the CLI)
  export PORTCULLIS_API_KEY=${keys['demo-approver']}
  ${cliName} approvals list --status pending --url ${base}
  ${cliName} approvals show <apr_id> --url ${base}
  ${cliName} approvals approve <apr_id> --comment "checked the invoice" --url ${base}   (or: deny)

Connect an MCP client over HTTP (Cursor ~/.cursor/mcp.json, or any client that takes a URL and headers):
  { "mcpServers": { "portcullis": { "url": "${url}",
      "headers": { "Authorization": "Bearer ${keys['ops-agent']}" } } } }

Claude Desktop (claude_desktop_config.json) runs Portcullis over stdio as one agent:
  { "mcpServers": { "portcullis": { "command": "node",
      "args": ["${resolve(process.argv[1] ?? 'dist/cli/main.js')}", "stdio", "--agent", "ops-agent", "--config", "${file}"] } } }

Stop with Ctrl-C.
`);
      stopOnSignals({ stop: async () => (await running.stop(), await billing.close()) });
    });
}
