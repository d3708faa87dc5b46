import type { Command } from 'commander';
import { createGateway } from '../../gateway/gateway.js';
import { startStdioFront } from '../../front/stdio.js';
import { CliError, configPath, loadConfigOrThrow, openStore } from '../context.js';

export function register(program: Command): void {
  program
    .command('stdio')
    .description('Serve MCP over stdin/stdout as one agent (for Claude Desktop, Cursor and other local clients)')
    .requiredOption('-a, --agent <name>', 'agent (from config) whose permissions apply')
    .option('-c, --config <file>', 'config file (default: $PORTCULLIS_CONFIG or ./portcullis.yaml)')
    .action(async (opts: { agent: string; config?: string }) => {
      const loaded = loadConfigOrThrow(configPath(opts.config));
      if (!Object.hasOwn(loaded.config.agents, opts.agent)) throw new CliError(`agent "${opts.agent}" is not in the config`);
      const store = openStore(loaded);
      const gw = createGateway(loaded, { store, log: (m) => process.stderr.write(`portcullis: ${m}\n`) });
      await gw.start();
      const handle = startStdioFront(gw, opts.agent);
      const stop = () =>
        void handle
          .close()
          .then(() => gw.close())
          .finally(() => {
            store.close();
            process.exit(0);
          });
      process.stdin.on('end', stop);
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}
