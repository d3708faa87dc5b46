import type { Command } from 'commander';
import { bootGateway } from '../../gateway/boot.js';
import { startStdioFront } from '../../front/stdio.js';
import { startProcessTelemetry } from '../../observability/process-telemetry.js';
import { CliError, configPath, loadConfigOrThrow } from '../context.js';
import { exitWhenStopped } from '../exit.js';

export function register(program: Command): void {
  program
    .command('stdio')
    .description('Serve MCP over stdin/stdout as one agent (for Claude Desktop, Cursor and other local clients)')
    .requiredOption('-a, --agent <name>', 'agent (from config) whose permissions apply')
    .option('-c, --config <file>', 'config file (default: $PORTCULLIS_CONFIG or ./portcullis.yaml)')
    .action(async (opts: { agent: string; config?: string }) => {
      const loaded = loadConfigOrThrow(configPath(opts.config), { requireLocalFiles: true });
      if (!Object.hasOwn(loaded.config.agents, opts.agent))
        throw new CliError(`agent "${opts.agent}" is not in the config`);
      // stdout carries MCP: everything else goes to stderr.
      const telemetry = startProcessTelemetry(loaded.config);
      const booted = await bootGateway(loaded, {
        stdio: true,
        log: telemetry.log,
        ...(telemetry.observer ? { observer: telemetry.observer } : {}),
      });
      const handle = startStdioFront(booted.gw.front, opts.agent);
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        // A failed close (the audit flush, say) exits 1 with the reason on stderr, never 0.
        void exitWhenStopped(async () => {
          await handle.close();
          await booted.close();
          await telemetry.stop();
        });
      };
      process.stdin.on('end', stop);
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}
