/**
 * `portcullis secrets set|list|rotate|delete` (the built-in vault) and `portcullis keys rotate` (its master key).
 * A secret value is read from stdin or from a prompt that does not echo; never from argv, where `ps` and shell
 * history would keep it. Values are never printed. Each change is a `secret.changed` / `vault.key.rotated` event.
 */
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { AuditEventInput } from '../../audit/index.js';
import { createFileSecretRepository } from '../../vault/file-secret-repository.js';
import { masterKeySourceOf, openVault } from '../../vault/index.js';
import { rotateMasterKey } from '../../vault/rotate-master.js';
import { CliError, configPath, loadConfigOrThrow } from '../context.js';
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

function vaultOf(opts: Opts) {
  const loaded = loadConfigOrThrow(configPath(opts.config));
  return { loaded, vault: openVault(loaded.config.vault, { dataDir: loaded.dataDir, baseDir: loaded.baseDir }) };
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
      const { loaded, vault } = vaultOf(opts);
      const value = await readSecretValue(name);
      const m = await (verb === 'set' ? vault.set(name, value) : vault.rotate(name, value));
      process.stderr.write(`Secret ${name} is at version ${m.version}. Reference it as \${secret:${name}}.\n`);
      await audited(
        loaded,
        change(name, m.version === 1 ? 'created' : verb === 'set' ? 'updated' : 'rotated', m.version),
      );
    });
  }
  cfg(
    group.command('list').description('List secrets: names, versions, times and master key ids (never values)'),
  ).action(async (opts: Opts) => {
    const { vault } = vaultOf(opts);
    const rows = (await vault.list()).map((m) => `${m.name}\t${m.version}\t${m.updatedAt}\t${m.createdAt}\t${m.keyId}`);
    process.stdout.write(`name\tversion\tupdated\tcreated\tkey\n${rows.join('\n')}${rows.length ? '\n' : ''}`);
  });
  cfg(group.command('delete <name>').description('Delete a secret (references to it then refuse the call)')).action(
    async (name: string, opts: Opts) => {
      const { loaded, vault } = vaultOf(opts);
      if (!(await vault.delete(name))) throw new CliError(`no secret named ${name}`);
      process.stderr.write(`Deleted secret ${name}.\n`);
      await audited(loaded, change(name, 'deleted', undefined));
    },
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
    const result = await rotateMasterKey({
      repo: createFileSecretRepository(loaded.dataDir),
      source: masterKeySourceOf(loaded.config.vault, loaded.baseDir),
      dataDir: loaded.dataDir,
    });
    process.stderr.write(
      `Re-wrapped ${result.rewrapped} data key(s) under master key ${result.keyId}; retired ${result.retiredKeyIds.join(', ') || 'none'}.\n`,
    );
    await audited(loaded, {
      type: 'vault.key.rotated',
      detail: { keyId: result.keyId, retired: result.retiredKeyIds, rewrapped: result.rewrapped, via: 'cli' },
    });
  });
}
