import type { Command } from 'commander';
import { parseStorageUrl, redactUrl } from '../../storage/config.js';
import { copyStorage } from '../../storage/copy.js';
import { migrateStorage, storageOf } from '../../storage/open-stores.js';
import { CliError, configPath, loadConfigOrThrow } from '../context.js';

/** `portcullis migrate` and `portcullis storage copy`. */
export function register(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database schema migrations (needed before start when storage.migrateOnStart is false)')
    .option('-c, --config <file>', 'config file (default: $PORTCULLIS_CONFIG or ./portcullis.yaml)')
    .action(async (opts: { config?: string }) => {
      const loaded = loadConfigOrThrow(configPath(opts.config));
      let report;
      try {
        report = await migrateStorage(storageOf(loaded));
      } catch (e) {
        throw new CliError((e as Error).message, 1);
      }
      for (const r of report)
        process.stdout.write(
          r.applied.length === 0
            ? `${r.component}: at version ${r.to} (${r.where}), nothing to do\n`
            : `${r.component}: ${r.from} -> ${r.to} (${r.where}): applied ${r.applied.join('; ')}\n`,
        );
    });

  const storage = program.command('storage').description('Move a deployment between storage back ends');
  storage
    .command('copy')
    .description(
      'Copy every store (keys, approvals, pins, report history) and the audit chain into an empty database (e.g. SQLite to PostgreSQL); the copy is verified',
    )
    .requiredOption('--from <url>', 'source: sqlite://<data directory> or postgres://…')
    .requiredOption('--to <url>', 'target (must be empty): postgres://… or sqlite://<data directory>')
    .action(async (opts: { from: string; to: string }) => {
      const where = { dataDir: process.cwd(), baseDir: process.cwd() };
      let from, to;
      try {
        from = parseStorageUrl(opts.from, where);
        to = parseStorageUrl(opts.to, where);
      } catch (e) {
        throw new CliError((e as Error).message, 2);
      }
      let result;
      try {
        result = await copyStorage(from, to, (m) => process.stderr.write(`${m}\n`));
      } catch (e) {
        throw new CliError(`storage copy failed: ${(e as Error).message}`, 1);
      }
      const v = result.verify;
      process.stdout.write(
        `copied ${Object.entries(result.stores)
          .map(([name, n]) => `${name}: ${n}`)
          .join(
            ', ',
          )}; ${result.records} audit record(s), ${result.checkpoints} checkpoint(s) to ${redactUrl(opts.to)}\n` +
          (v
            ? `audit chain on the target: ${v.ok ? 'verified' : 'FAILED'} (${v.records} record(s) checked)\n`
            : 'no audit chain to verify\n'),
      );
      if (v && !v.ok) process.exitCode = 1;
    });
}
