import type { Command } from 'commander';
import { withOverrides } from '../../config/restart-only.js';
import { configPath, loadConfigOrThrow } from '../context.js';
import { runGateway, stopOnSignals } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('serve')
    .description(
      'Run the gateway over Streamable HTTP at /mcp, HTTPS with client certificates when server.tls is set (reloads config on SIGHUP and on file change)',
    )
    .option('-c, --config <file>', 'config file (default: $PORTCULLIS_CONFIG or ./portcullis.yaml)')
    .option('-p, --port <port>', 'override server.port', (v) => Number.parseInt(v, 10))
    .option('--host <host>', 'override server.host')
    .option(
      '--audit-new-log',
      'start a new, empty audit log although the anchor file shows an earlier one that is gone (recorded as audit.log.reinitialized)',
    )
    .action(async (opts: { config?: string; port?: number; host?: string; auditNewLog?: boolean }) => {
      const overrides = {
        ...(opts.port !== undefined ? { port: opts.port } : {}),
        ...(opts.host !== undefined ? { host: opts.host } : {}),
      };
      const loaded = withOverrides(loadConfigOrThrow(configPath(opts.config), { requireLocalFiles: true }), overrides);
      const running = await runGateway(loaded, { overrides, ...(opts.auditNewLog ? { auditNewLog: true } : {}) });
      process.stdout.write(`Portcullis listening on ${running.front.url}\n`);
      stopOnSignals(running);
    });
}
