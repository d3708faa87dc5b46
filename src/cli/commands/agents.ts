import type { Command } from 'commander';
import { generateApiKey } from '../../authn/api-key.js';
import { CliError, configPath, loadConfigOrThrow, openStore } from '../context.js';

type Opts = { config?: string };

function withStore<T>(opts: Opts, fn: (ctx: { agents: string[]; store: ReturnType<typeof openStore> }) => T): T {
  const loaded = loadConfigOrThrow(configPath(opts.config));
  const store = openStore(loaded);
  try {
    return fn({ agents: Object.keys(loaded.config.agents), store });
  } finally {
    store.close();
  }
}

const requireAgent = (agents: string[], name: string) => {
  if (!agents.includes(name)) {
    throw new CliError(`agent "${name}" is not in the config: add it under "agents:" (with its tool permissions) first`);
  }
};

export function register(program: Command): void {
  const agents = program.command('agents').description('Manage agent API keys (stored only as hashes; a key is shown once)');
  const cfg = (c: Command) => c.option('-c, --config <file>', 'config file (default: $PORTCULLIS_CONFIG or ./portcullis.yaml)');

  cfg(agents.command('create <name>').description('Create an API key for an agent defined in config; prints the key once')).action(
    (name: string, opts: Opts) =>
      withStore(opts, ({ agents: names, store }) => {
        requireAgent(names, name);
        const { key, record } = generateApiKey(name);
        store.apiKeys.insert(record);
        process.stdout.write(`${key}\n`);
        process.stderr.write(`Created key ${record.id} for agent "${name}". Store it now: it cannot be shown again.\n`);
      }),
  );
  cfg(agents.command('list').description('List agents and their keys (ids only, never secrets)')).action((opts: Opts) =>
    withStore(opts, ({ agents: names, store }) => {
      const keys = store.apiKeys.listByAgent();
      const rows = names.map((n) => {
        const mine = keys.filter((k) => k.agent === n);
        const active = mine.filter((k) => !k.revokedAt);
        return `${n}\t${active.length} active key(s)${active.length ? `: ${active.map((k) => k.id).join(', ')}` : ''}\t${mine.length - active.length} revoked`;
      });
      const orphans = [...new Set(keys.filter((k) => !names.includes(k.agent)).map((k) => k.agent))];
      process.stdout.write(`agent\tkeys\n${rows.join('\n')}\n`);
      if (orphans.length) process.stdout.write(`keys for agents no longer in config (refused at login): ${orphans.join(', ')}\n`);
    }),
  );
  cfg(agents.command('rotate <name>').description("Revoke an agent's keys and issue a new one; prints it once")).action(
    (name: string, opts: Opts) =>
      withStore(opts, ({ agents: names, store }) => {
        requireAgent(names, name);
        const { key, record } = generateApiKey(name);
        const revoked = store.apiKeys.rotate(name, record);
        process.stdout.write(`${key}\n`);
        process.stderr.write(`Revoked ${revoked} key(s); created key ${record.id} for "${name}".\n`);
      }),
  );
  cfg(agents.command('revoke <name>').description('Revoke every key of an agent')).action((name: string, opts: Opts) =>
    withStore(opts, ({ store }) => {
      const n = store.apiKeys.revokeAgent(name, new Date().toISOString());
      if (n === 0) throw new CliError(`agent "${name}" has no active keys`);
      process.stdout.write(`Revoked ${n} key(s) of "${name}".\n`);
    }),
  );
}
