import type { Command } from 'commander';
import { generateApiKey } from '../../authn/api-key.js';
import { createAuditLog, type AuditEventInput } from '../../audit/index.js';
import { BACKEND_SECTIONS, type LoadedConfig } from '../../config/load.js';
import { auditOptionsOf } from '../../gateway/audit-options.js';
import type { KeyOwnerKind, Stores } from '../../storage/repositories.js';
import { CliError, configPath, loadConfigOrThrow, openStore } from '../context.js';

type Opts = { config?: string };

const section = (kind: KeyOwnerKind) => (kind === 'agent' ? 'agents' : 'users');

/**
 * Key changes are audit events. The CLI appends them to the same log a running gateway writes (safe: appends from
 * two processes never fork the chain). If the audit log cannot be written the change is still made, and the CLI
 * says so on stderr: refusing would leave a compromised key valid.
 */
/** Records a CLI change in the configured audit log (opening the stores when the caller has none open). */
export async function audited(loaded: LoadedConfig, event: AuditEventInput, stores?: Stores): Promise<void> {
  try {
    await appendAudit(loaded, event, stores);
  } catch (e) {
    process.stderr.write(`portcullis: audit: ${event.type} not recorded: ${(e as Error).message}\n`);
  }
}

/** Appends one record to the configured audit log; rejects when it cannot be written (`audited` warns instead). */
export async function appendAudit(loaded: LoadedConfig, event: AuditEventInput, stores?: Stores): Promise<void> {
  // The audit log's own warnings already say "audit:" (or "AUDIT:").
  const logWarning = (m: string) => process.stderr.write(`portcullis: ${m}\n`);
  const own = stores ? undefined : await openStore(loaded);
  try {
    const log = await createAuditLog({
      ...auditOptionsOf(loaded, { stdio: true, log: logWarning }),
      storage: (stores ?? own)!.audit,
    });
    try {
      await log.append(event);
    } finally {
      await log.close();
    }
  } finally {
    await own?.close();
  }
}

/**
 * `portcullis agents ...` and `portcullis users ...`: API keys for agents (MCP) and for people (REST API).
 * Keys are stored only as hashes; a new key is printed once, on stdout, and nowhere else.
 */
export function registerKeyCommands(program: Command, kind: KeyOwnerKind): void {
  const noun = kind === 'agent' ? 'agent' : 'user';
  const aNoun = kind === 'agent' ? 'an agent' : 'a user';
  const withStore = async (
    opts: Opts,
    fn: (ctx: { names: string[]; store: Stores }) => Promise<AuditEventInput | undefined>,
  ): Promise<void> => {
    // Backends and their credentials are not read here: whoever manages keys needs no backend secret.
    const loaded = loadConfigOrThrow(configPath(opts.config), { skipSections: BACKEND_SECTIONS });
    const store = await openStore(loaded);
    let event: AuditEventInput | undefined;
    try {
      const names = Object.keys(kind === 'agent' ? loaded.config.agents : loaded.config.users);
      event = await fn({ names, store });
      if (event) await audited(loaded, event, store);
    } finally {
      await store.close();
    }
  };
  /** The audit event for a key change: agent.* events for agents, admin actions for people's keys. */
  const keyEvent = (
    agentType: AuditEventInput['type'],
    name: string,
    detail: Record<string, unknown>,
  ): AuditEventInput =>
    kind === 'agent'
      ? { type: agentType, agent: name, detail: { ...detail, via: 'cli' } }
      : {
          type: 'admin.action.performed',
          user: name,
          detail: { ...detail, action: `user.${agentType.replace(/^agent\./, '')}`, via: 'cli' },
        };
  const requireKnown = (names: string[], name: string) => {
    if (!names.includes(name)) {
      throw new CliError(`${noun} "${name}" is not in the config: add it under "${section(kind)}:" first`);
    }
  };
  const group = program
    .command(section(kind))
    .description(
      kind === 'agent'
        ? 'Manage agent API keys (MCP front door; stored only as hashes; a key is shown once)'
        : 'Manage API keys of people for the dashboard, REST API and approvals CLI (roles come from config; a key is shown once)',
    );
  const cfg = (c: Command) =>
    c.option('-c, --config <file>', 'config file (default: $PORTCULLIS_CONFIG or ./portcullis.yaml)');

  cfg(
    group
      .command('create <name>')
      .description(`Create an API key for ${aNoun} defined in config; prints the key once`),
  ).action((name: string, opts: Opts) =>
    withStore(opts, async ({ names, store }) => {
      requireKnown(names, name);
      const { key, record } = generateApiKey(name, kind);
      await store.apiKeys.insert(record);
      process.stdout.write(`${key}\n`);
      process.stderr.write(`Created key ${record.id} for ${noun} "${name}". Store it now: it cannot be shown again.\n`);
      return keyEvent('agent.created', name, { keyId: record.id });
    }),
  );
  cfg(group.command('list').description(`List ${section(kind)} and their key ids (never secrets)`)).action(
    (opts: Opts) =>
      withStore(opts, async ({ names, store }) => {
        const keys = await store.apiKeys.listByAgent(kind);
        const rows = names.map((n) => {
          const mine = keys.filter((k) => k.agent === n);
          const active = mine.filter((k) => !k.revokedAt);
          return `${n}\t${active.length} active key(s)${active.length ? `: ${active.map((k) => k.id).join(', ')}` : ''}\t${mine.length - active.length} revoked`;
        });
        const orphans = [...new Set(keys.filter((k) => !names.includes(k.agent)).map((k) => k.agent))];
        process.stdout.write(`${noun}\tkeys\n${rows.join('\n')}\n`);
        if (orphans.length)
          process.stdout.write(`keys of ${section(kind)} no longer in config (refused): ${orphans.join(', ')}\n`);
      }),
  );
  cfg(group.command('rotate <name>').description(`Revoke ${aNoun}'s keys and issue a new one; prints it once`)).action(
    (name: string, opts: Opts) =>
      withStore(opts, async ({ names, store }) => {
        requireKnown(names, name);
        const { key, record } = generateApiKey(name, kind);
        const revoked = await store.apiKeys.rotate(record);
        process.stdout.write(`${key}\n`);
        process.stderr.write(`Revoked ${revoked} key(s); created key ${record.id} for "${name}".\n`);
        return keyEvent('agent.key.rotated', name, { keyId: record.id, revoked });
      }),
  );
  cfg(group.command('revoke <name>').description(`Revoke every key of ${aNoun}`)).action((name: string, opts: Opts) =>
    withStore(opts, async ({ store }) => {
      const n = await store.apiKeys.revokeAgent(kind, name, new Date().toISOString());
      if (n === 0) throw new CliError(`${noun} "${name}" has no active keys`);
      process.stdout.write(`Revoked ${n} key(s) of "${name}".\n`);
      return keyEvent('agent.revoked', name, { revoked: n });
    }),
  );
}
