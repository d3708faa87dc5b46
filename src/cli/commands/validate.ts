import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { stdioCommandWarnings } from '../../backends/mcp/command-check.js';
import { openApiSpecWarnings } from '../../backends/openapi/config-warnings.js';
import { formatIssue } from '../../config/errors.js';
import { summarizeConfig } from '../../config/summary.js';
import { configWarnings, locateWarnings } from '../../config/warnings.js';
import { configPath, loadConfigOrThrow } from '../context.js';

export function register(program: Command): void {
  program
    .command('validate')
    .description(
      'Validate a config file and the local files it names (specs, TLS material, key files): errors name file, line and key (exit code 2); warnings for likely mistakes (exit 0); a summary of every section.',
    )
    .option('-c, --config <file>', 'config file (default: $PORTCULLIS_CONFIG or ./portcullis.yaml)')
    .action(async (opts: { config?: string }) => {
      const file = configPath(opts.config);
      const loaded = loadConfigOrThrow(file, { requireLocalFiles: true });
      const c = loaded.config;
      const text = readFileSync(loaded.file, 'utf8');
      const warnings = [
        ...configWarnings(loaded.file, text, c),
        ...locateWarnings(loaded.file, text, [
          ...(await openApiSpecWarnings(c, loaded.baseDir)),
          // A warning, not an error: validate often runs where the gateway does not (CI, a laptop), with another PATH.
          ...stdioCommandWarnings(c, loaded.baseDir),
        ]),
      ].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      process.stdout.write(
        `${file}: valid (${Object.keys(c.upstreams).length} upstream(s), ${Object.keys(c.agents).length} agent(s))\n`,
      );
      process.stdout.write(`${summarizeConfig(loaded).join('\n')}\n`);
      for (const w of warnings) process.stderr.write(`warning: ${formatIssue(w)}\n`);
    });
}
