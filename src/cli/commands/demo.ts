import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfigFile } from '../../config/load.js';
import { DEMO_UPSTREAM, demoConfigYaml } from '../../demo/demo-config.js';
import { demoKeys, readOrCreateSecret } from '../../demo/demo-keys.js';
import { startBillingApi } from '../../demo/billing-api/index.js';
import { runGateway, stopOnSignals } from '../runtime.js';
import { toHtml } from '../../report/format-html.js';

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
      // The demo billing API's key sits in secrets/ (0600) and is reused by the next start, so a second demo, or
      // Claude Desktop's `portcullis stdio` on this config, uses the same one. It reaches the gateway through
      // `${secret:BILLING_API_KEY}` at call time; agents never see it.
      const billingKey = readOrCreateSecret(join(dir, 'secrets'), 'BILLING_API_KEY');
      // The spec is written into the demo directory, where it outlives the demo (Claude Desktop's config names it).
      const billing = await startBillingApi(0, { apiKey: billingKey, specDir: dir });
      writeFileSync(file, demoConfigYaml(opts.port));
      let loaded = loadConfigFile(file);
      const keys = await demoKeys(loaded, join(dir, 'demo-keys.json'));

      let running;
      try {
        running = await runGateway(loaded);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
        process.stderr.write(`portcullis: port ${opts.port} is in use; picking a free port\n`);
        writeFileSync(file, demoConfigYaml(0));
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
      // The security report of the demo as it runs: its score, and an HTML copy next to its config.
      const report = await running.report();
      const reportFile = resolve(dir, 'security-report.html');
      writeFileSync(reportFile, toHtml(report));
      const worst = report.checks
        .filter((c) => c.status === 'fail' && c.weight === 3)
        .map((c) => c.id)
        .slice(0, 4);
      process.stdout.write(`
Portcullis demo is running.

  MCP endpoint   ${url}   (Streamable HTTP; 2025-11-25 and 2026-07-28 clients)
  Health         ${url.replace(/\/mcp$/, '/readyz')}
  Dashboard      ${base}/   (sign in with the demo-approver key below; held calls are on Approvals)
  Config         ${file}   (edit it: the gateway reloads)

Tools and their risk (the reasons: ${cliName} scan openapi ${join(dir, 'billing-api.openapi.json')} --format table
                      and ${cliName} scan mcp --format table -- node ${DEMO_UPSTREAM}):
${inventory}

Security score   ${report.score!.value}/100 (grade ${report.score!.grade})${worst.length ? `; to fix first: ${worst.join(', ')}` : ''}
  Report         ${reportFile}
  Regenerate     ${cliName} report --config ${file} [--format md|json|html|pdf --out FILE]

Demo agents (keys are kept in ${join(dir, 'demo-keys.json')} and reused by the next start):
${Object.entries(loaded.config.agents)
  .map(([name, a]) => `  ${name.padEnd(12)} ${keys[name]}\n               ${a.description ?? ''}`)
  .join('\n')}

Try it (the gateway only lists what each agent may use):
  curl -s ${url} -H 'Authorization: Bearer ${keys['support-bot']}' \\
    -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \\
    -H 'MCP-Protocol-Version: 2026-07-28' -H 'Mcp-Method: tools/list' \\
    -d '{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"curl","version":"1"},"io.modelcontextprotocol/clientCapabilities":{}}}}'

Approvals: every refund by ops-agent waits for a person in finance (the call waits up to 30 s, sending
progress; after that it returns an approval id, and the agent calls portcullis_approval_status with it).
  demo-approver  ${keys['demo-approver']}
               role approver, group finance (a user key for the dashboard, the REST API and the CLI)
  export PORTCULLIS_API_KEY=${keys['demo-approver']}
  ${cliName} approvals list --status pending --url ${base}
  ${cliName} approvals show <apr_id> --url ${base}
  ${cliName} approvals approve <apr_id> --comment "checked the invoice" --url ${base}   (or: deny)

Connect an MCP client over HTTP (Cursor ~/.cursor/mcp.json, or any client that takes a URL and headers):
  { "mcpServers": { "portcullis": { "url": "${url}",
      "headers": { "Authorization": "Bearer ${keys['ops-agent']}" } } } }

Claude Desktop (claude_desktop_config.json) runs Portcullis over stdio as one agent, on this config (no key
needed; the billing tools answer while the demo started last is running):
  { "mcpServers": { "portcullis": { "command": "node",
      "args": ["${resolve(process.argv[1] ?? 'dist/cli/main.js')}", "stdio", "--agent", "ops-agent", "--config", "${file}"] } } }

Stop with Ctrl-C.
`);
      stopOnSignals({ stop: async () => (await running.stop(), await billing.close()) });
    });
}
