import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { acceptedEvent, acceptPending, PinError, pinAuditEvent, type PinKind } from '../../pins/index.js';
import { pinDiff } from '../../pins/rest.js';
import { CliError, configPath, loadConfigOrThrow, openStore } from '../context.js';
import { audited } from './keys.js';
import { registerRotateKey } from './tools-rotate-key.js';
import { registerVerify } from './tools-verify.js';

type Opts = { config?: string; prompt?: boolean; json?: boolean };

const cfg = (c: Command) =>
  c
    .option('-c, --config <file>', 'config file (default: $PORTCULLIS_CONFIG or ./portcullis.yaml)')
    .option('--prompt', 'a prompt, not a tool');

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v, null, 2));

/**
 * `portcullis tools list|diff|accept|verify`: pinned tool (and prompt) definitions. Works on the store directly, like
 * the key commands: a running gateway picks up an acceptance within `pins.refreshMs`.
 */
export function register(program: Command): void {
  const group = program
    .command('tools')
    .description(
      'Pinned and signed tool and prompt definitions: list, review a quarantined change (diff), accept it, verify signatures, rotate the signing key',
    );

  cfg(group.command('list').description('List pinned tools and prompts with their hash and state'))
    .option('--json', 'JSON output')
    .action(async (opts: Opts) => {
      const loaded = loadConfigOrThrow(configPath(opts.config));
      const store = await openStore(loaded);
      try {
        const pins = await store.pins.list();
        if (opts.json) return void process.stdout.write(`${JSON.stringify(pins.map(pinDiff), null, 2)}\n`);
        const rows = pins.map(
          (p) =>
            `${p.kind}\t${p.name}\t${p.pending ? 'QUARANTINED' : 'pinned'}\t${(p.hash ?? '-').slice(0, 16)}${p.pending ? `\tpending ${p.pending.hash.slice(0, 16)} (${p.pending.reason} since ${p.pending.since})` : ''}`,
        );
        process.stdout.write(`kind\tname\tstate\thash\n${rows.join('\n')}${rows.length ? '\n' : ''}`);
      } finally {
        await store.close();
      }
    });

  cfg(group.command('diff <name>').description('Show what changed in a quarantined tool: pinned vs offered definition'))
    .option('--json', 'JSON output (pinned and pending definitions, changes)')
    .action(async (name: string, opts: Opts) => {
      const kind: PinKind = opts.prompt ? 'prompt' : 'tool';
      const loaded = loadConfigOrThrow(configPath(opts.config));
      const store = await openStore(loaded);
      try {
        const rec = await store.pins.get(kind, name);
        if (!rec) throw new CliError(`no pinned ${kind} named "${name}"`);
        const d = pinDiff(rec) as { changes: { path: string; before?: unknown; after?: unknown }[] };
        if (opts.json) return void process.stdout.write(`${JSON.stringify(d, null, 2)}\n`);
        if (!rec.pending) {
          process.stdout.write(`${kind} ${name} is pinned (${rec.hash}); nothing waits for acceptance.\n`);
          return;
        }
        const out = [
          `${kind} ${name} (backend ${rec.backend}) is QUARANTINED: ${rec.pending.reason === 'new' ? 'new on a pinned backend' : 'its definition changed'} since ${rec.pending.since}`,
          `  pinned:  ${rec.hash ?? '(none)'}`,
          `  offered: ${rec.pending.hash}`,
          '',
          ...d.changes.flatMap((c) => [
            `@ ${c.path}`,
            ...(c.before !== undefined ? [`- ${show(c.before).split('\n').join('\n- ')}`] : []),
            ...(c.after !== undefined ? [`+ ${show(c.after).split('\n').join('\n+ ')}`] : []),
          ]),
          '',
          `accept with: portcullis tools accept ${opts.prompt ? '--prompt ' : ''}${name} --hash ${rec.pending.hash} --reason "…"`,
        ];
        process.stdout.write(`${out.join('\n')}\n`);
      } finally {
        await store.close();
      }
    });

  cfg(
    group
      .command('accept <name>')
      .description('Accept the changed definition of a quarantined tool: it is pinned and served again')
      .requiredOption('-r, --reason <text>', 'why the new definition is acceptable (recorded in the audit log)')
      .option('--hash <sha256>', 'accept only this definition (the "offered" hash that diff showed)')
      .option('--by <name>', 'who accepts (default: the OS user)'),
  ).action(async (name: string, opts: Opts & { reason: string; hash?: string; by?: string }) => {
    const kind: PinKind = opts.prompt ? 'prompt' : 'tool';
    if (!opts.reason.trim()) throw new CliError('--reason must say why the definition is acceptable');
    const loaded = loadConfigOrThrow(configPath(opts.config));
    const store = await openStore(loaded);
    try {
      const by = opts.by ?? userInfo().username;
      const { before, after } = await acceptPending(store.pins, kind, name, by, opts.reason.trim(), opts.hash).catch(
        (e: unknown) => {
          throw e instanceof PinError ? new CliError(e.message) : e;
        },
      );
      await audited(loaded, pinAuditEvent(acceptedEvent(before, after, by, opts.reason.trim()), 'cli'), store);
      process.stdout.write(
        `Accepted ${kind} ${name}: pinned ${after.hash}. A running gateway serves it within ${loaded.config.pins.refreshMs} ms.\n`,
      );
    } finally {
      await store.close();
    }
  });
  registerVerify(group);
  registerRotateKey(group);
}
