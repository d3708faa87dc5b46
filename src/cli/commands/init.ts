import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { starterConfig } from '../../config/starter.js';
import { CliError, configPath } from '../context.js';

/** The JSON Schema shipped with this installation (the package includes schema/). */
const SCHEMA_FILE = fileURLToPath(new URL('../../../schema/portcullis.schema.json', import.meta.url));

export function register(program: Command): void {
  program
    .command('init')
    .description(
      'Write a commented starter config (asks nothing; serves no tool until you add one). Refuses to overwrite an existing file without --force.',
    )
    .option('-c, --config <file>', 'file to write (default: $PORTCULLIS_CONFIG or ./portcullis.yaml)')
    .option('-f, --force', 'overwrite the file if it exists')
    .action((opts: { config?: string; force?: boolean }) => {
      const file = configPath(opts.config);
      try {
        writeFileSync(file, starterConfig(SCHEMA_FILE), { flag: opts.force ? 'w' : 'wx', mode: 0o644 });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new CliError(`${file} already exists; use --force to overwrite it`);
        throw new CliError(`cannot write ${file}: ${(e as Error).message}`);
      }
      process.stdout.write(
        `wrote ${file}\nnext: portcullis validate --config ${file}\n      portcullis agents create assistant --config ${file}\n      portcullis serve --config ${file}\n`,
      );
    });
}
