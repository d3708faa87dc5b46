import type { Command } from 'commander';
import { configPath, loadConfigOrThrow } from '../context.js';

export function register(program: Command): void {
  program
    .command('validate')
    .description('Validate a config file; errors name file, line and key. Exit code 2 when invalid.')
    .option('-c, --config <file>', 'config file (default: $PORTCULLIS_CONFIG or ./portcullis.yaml)')
    .action((opts: { config?: string }) => {
      const file = configPath(opts.config);
      const loaded = loadConfigOrThrow(file);
      const c = loaded.config;
      process.stdout.write(
        `${file}: valid (${Object.keys(c.upstreams).length} upstream(s), ${Object.keys(c.agents).length} agent(s))\n`,
      );
    });
}
