/**
 * `portcullis secrets set|list|rotate|delete` (the built-in vault) and `portcullis keys rotate` (its master key).
 * A secret value is read from stdin or from a prompt that does not echo; never from argv, where `ps` and shell
 * history would keep it. Values are never printed. Each change is a `secret.changed` / `vault.key.rotated` event.
 */
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { AuditEventInput } from '../../audit/index.js';
import type { LoadedConfig } from '../../config/load.js';
import type { Stores } from '../../storage/repositories.js';
import { describeImport, importLegacyVaultFile } from '../../vault/legacy-file.js';
import { masterKeySourceOf, openVault } from '../../vault/index.js';
import { rotateMasterKey } from '../../vault/rotate-master.js';
import type { Vault } from '../../vault/vault.js';
import { CliError, configPath, loadConfigOrThrow, openStore } from '../context.js';
import { audited } from './keys.js';

type Opts = { config?: string };

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks).toString('utf8');
}

/** A line typed at the terminal without echo. */
function prompt(question: string): Promise<string> {
  const muted = new Writable({ write: (_c, _e, cb) => cb() });
  process.stderr.write(question);
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) =>
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    }),
  );
}

/** The value from stdin (one trailing newline dropped) or a hidden prompt. */
export async function readSecretValue(name: string): Promise<string> {
  const value = process.stdin.isTTY
    ? await prompt(`Value for ${name} (not echoed): `)
    : (await readAll(process.stdin)).replace(/\r?\n$/, '');
  if (value === '') throw new CliError('no value given (pipe it on stdin or type it at the prompt)');
  return value;
}

/** Runs `fn` with the built-in vault over the configured storage (SQLite or PostgreSQL), closed afterwards. */
async function withVault<T>(
  opts: Opts,
  fn: (v: { loaded: LoadedConfig; vault: Vault; stores: Stores }) => Promise<T>,
): Promise<T> {
  const loaded = loadConfigOrThrow(configPath(opts.config));
  const stores = await openStore(loaded);
  try {
    const paths = { dataDir: loaded.dataDir, baseDir: loaded.baseDir };
    return await fn({ loaded, stores, vault: await openVault(loaded.config.vault, paths, stores.secrets) });
  } finally {
    await stores.close();
  }
}

const change = (name: string, action: string, version: number | undefined): AuditEventInput => ({
  type: 'secret.changed',
  detail: { secret: name, action, ...(version !== undefined ? { version } : {}), via: 'cli' },
});

export function register(program: Command): void {
  const cfg = (c: Command) =>
    c.option('-c, --config <file>', 'config file (default: $PORTCULLIS_CONFIG or ./portcullis.yaml)');
  const group = program
    .command('secrets')
    .description('Manage secrets in the built-in encrypted vault (values come from stdin or a prompt, never argv)');

  for (const [verb, what] of [
    ['set', 'Create or update a secret (value from stdin, or a hidden prompt)'],
    ['rotate', 'Replace an existing secret with a new version (value from stdin, or a hidden prompt)'],
  ] as const) {
    cfg(group.command(`${verb} <name>`).description(what)).action(async (name: string, opts: Opts) => {
      const value = await readSecretValue(name);
      await withVault(opts, async ({ loaded, vault, stores }) => {
        const m = await (verb === 'set' ? vault.set(name, value) : vault.rotate(name, value));
        process.stderr.write(`Secret ${name} is at version ${m.version}. Reference it as \${secret:${name}}.\n`);
        await audited(
          loaded,
          change(name, m.version === 1 ? 'created' : verb === 'set' ? 'updated' : 'rotated', m.version),
          stores,
        );
      });
    });
  }
  cfg(
    group.command('list').description('List secrets: names, versions, times and master key ids (never values)'),
  ).action((opts: Opts) =>
    withVault(opts, async ({ vault }) => {
      const rows = (await vault.list()).map(
        (m) => `${m.name}\t${m.version}\t${m.updatedAt}\t${m.createdAt}\t${m.keyId}`,
      );
      process.stdout.write(`name\tversion\tupdated\tcreated\tkey\n${rows.join('\n')}${rows.length ? '\n' : ''}`);
    }),
  );
  cfg(group.command('delete <name>').description('Delete a secret (references to it then refuse the call)')).action(
    (name: string, opts: Opts) =>
      withVault(opts, async ({ loaded, vault, stores }) => {
        if (!(await vault.delete(name))) throw new CliError(`no secret named ${name}`);
        process.stderr.write(`Deleted secret ${name}.\n`);
        await audited(loaded, change(name, 'deleted', undefined), stores);
      }),
  );

  const keys = program.command('keys').description('The vault master key (agent and user API keys: see agents, users)');
  cfg(
    keys
      .command('rotate')
      .description(
        'Re-wrap every data key under a new master key; with a key file the gateway keeps serving throughout',
      ),
  ).action(async (opts: Opts) => {
    const loaded = loadConfigOrThrow(configPath(opts.config));
    const stores = await openStore(loaded);
    try {
      const imported = await importLegacyVaultFile(stores.secrets, loaded.dataDir);
      if (imported) process.stderr.write(`${describeImport(imported)}\n`);
      const result = await rotateMasterKey({
        store: stores.secrets,
        source: masterKeySourceOf(loaded.config.vault, loaded.baseDir),
        dataDir: loaded.dataDir,
      });
      process.stderr.write(
        `Re-wrapped ${result.rewrapped} data key(s) under master key ${result.keyId} (${stores.kind}); retired ${result.retiredKeyIds.join(', ') || 'none'}.\n`,
      );
      await audited(
        loaded,
        {
          type: 'vault.key.rotated',
          detail: { keyId: result.keyId, retired: result.retiredKeyIds, rewrapped: result.rewrapped, via: 'cli' },
        },
        stores,
      );
    } finally {
      await stores.close();
    }
  });
}
