import { Option, type Command } from 'commander';
import { auditEventTypes } from '../../audit/event-types.js';
import { RESULT_STATUSES } from '../../core/decision-record.js';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { parse as parseYaml } from 'yaml';
import { defaultAnchorPath, parseAnchors, readAnchors, type Anchors } from '../../audit/anchor.js';
import { exportAudit, type ExportFormat } from '../../audit/export.js';
import { queryAudit } from '../../audit/query.js';
import { loadVerificationKey } from '../../audit/signing.js';
import type { AuditStore } from '../../audit/store.js';
import type { AuditFilter, SignedCheckpoint, VerifyResult } from '../../audit/types.js';
import { verifyAuditChain } from '../../audit/verify.js';
import { parseStorageUrl, type StorageSetting } from '../../storage/config.js';
import { openStores } from '../../storage/open-stores.js';
import { sqliteAuditOpener } from '../../storage/sqlite/audit-store.js';
import { CliError } from '../context.js';
import { isGatewayError } from '../../core/errors.js';

interface LocationOptions {
  dataDir?: string;
  config?: string;
}

/** `--data-dir`, or `dataDir` from the config file (relative to it; default `.portcullis`, as the config loader does). */
export function resolveDataDir(opts: LocationOptions): string {
  return resolveLocation(opts).dataDir;
}

interface AuditLocation {
  dataDir: string;
  /** Where checkpoints were anchored: the configured (or default) anchor file and every file sink. */
  anchorFiles: string[];
  /** The configured storage (`storage:`); SQLite under dataDir when not set or with --data-dir. */
  storage: StorageSetting;
}

/** `storage:` from the raw YAML, `${ENV}` references expanded as the config loader does. */
function storageFromDoc(doc: unknown, dataDir: string, baseDir: string, file: string): StorageSetting {
  const raw = (doc as { storage?: unknown } | null)?.storage;
  const url = typeof raw === 'string' ? raw : (raw as { url?: unknown } | undefined)?.url;
  if (url === undefined) return { kind: 'sqlite', dataDir, migrateOnStart: true };
  if (typeof url !== 'string') throw new CliError(`${file}: storage must be a string`, 2);
  const expanded = url.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, dflt?: string) => {
    const v = process.env[name] ?? dflt;
    if (v === undefined) throw new CliError(`${file}: storage: environment variable ${name} is not set`, 2);
    return v;
  });
  try {
    return parseStorageUrl(expanded, { dataDir, baseDir });
  } catch (e) {
    throw new CliError(`${file}: ${(e as Error).message}`, 2);
  }
}

/** The data directory and the anchor files, from `--data-dir` or the config file (only these keys are read). */
function resolveLocation(opts: LocationOptions): AuditLocation {
  if (opts.dataDir) {
    const dataDir = resolve(opts.dataDir);
    return {
      dataDir,
      anchorFiles: [defaultAnchorPath(dataDir)],
      storage: { kind: 'sqlite', dataDir, migrateOnStart: true },
    };
  }
  const file = resolve(opts.config ?? process.env.PORTCULLIS_CONFIG ?? 'portcullis.yaml');
  if (!existsSync(file))
    throw new CliError(`no audit location: pass --data-dir DIR or --config FILE (${file} not found)`, 2);
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`${file}: not valid YAML (${(e as Error).message.split('\n')[0]})`, 2);
  }
  const dataDir = doc && typeof doc === 'object' && 'dataDir' in doc ? doc.dataDir : undefined;
  if (dataDir !== undefined && typeof dataDir !== 'string') throw new CliError(`${file}: dataDir must be a string`, 2);
  const base = dirname(file);
  const dir = resolve(base, dataDir ?? '.portcullis');
  const audit = (doc as { audit?: { anchorPath?: unknown; sinks?: unknown } } | null)?.audit;
  const anchorFiles = [
    typeof audit?.anchorPath === 'string' ? resolve(base, audit.anchorPath) : defaultAnchorPath(dir),
  ];
  for (const s of Array.isArray(audit?.sinks) ? (audit.sinks as unknown[]) : []) {
    const sink = s as { type?: unknown; path?: unknown } | null;
    if (sink?.type === 'file' && typeof sink.path === 'string') anchorFiles.push(resolve(base, sink.path));
  }
  return { dataDir: dir, anchorFiles, storage: storageFromDoc(doc, dir, base, file) };
}

/** Anchors from every file given or configured (missing files have none); lines after the last reset count. */
export async function loadAnchors(files: readonly string[]): Promise<{ anchors: Anchors; used: string[] }> {
  const all: Anchors = { checkpoints: [], keyIds: [], skipped: 0 };
  const used: string[] = [];
  for (const f of files) {
    if (!existsSync(f)) continue;
    const a = await readAnchors(f);
    if (a.checkpoints.length === 0 && !a.publicKey) continue;
    used.push(f);
    all.checkpoints.push(...a.checkpoints);
    for (const k of a.keyIds) if (!all.keyIds.includes(k)) all.keyIds.push(k);
    all.publicKey ??= a.publicKey;
    if (a.reset) all.reset = a.reset;
  }
  return { anchors: all, used };
}

/** The audit chain, read-only, wherever the configuration keeps it. */
async function openStore(loc: AuditLocation, anchors?: Anchors): Promise<AuditStore> {
  if (loc.storage.kind === 'postgres') {
    const stores = await openStores(loc.storage, { migrate: false }).catch((e: unknown) => {
      throw new CliError(
        `cannot open the audit log: ${(e as Error).message}${isGatewayError(e) && e.detail ? `: ${e.detail}` : ''}`,
        2,
      );
    });
    const store = stores.audit.openReadonly();
    return { ...store, close: () => stores.close() };
  }
  const dataDir = loc.storage.dataDir;
  const file = join(dataDir, 'audit.db');
  if (!existsSync(file)) {
    const newest = anchors?.checkpoints.reduce((m, c) => Math.max(m, c.seq), 0) ?? 0;
    if (newest > 0)
      throw new CliError(
        `FAILED: no audit log at ${file}, but the anchor holds a signed checkpoint at seq ${newest}: the log was deleted`,
        1,
      );
    throw new CliError(`no audit log at ${file}`, 2);
  }
  return sqliteAuditOpener(file).openReadonly();
}

function withLocation(cmd: Command): Command {
  return cmd
    .option('-d, --data-dir <dir>', 'data directory holding audit.db')
    .option(
      '-c, --config <file>',
      'config file; only where the audit log is (storage, dataDir) and its anchors (audit.anchorPath, file sinks) are read (default: $PORTCULLIS_CONFIG or ./portcullis.yaml)',
    );
}

function withFilters(cmd: Command): Command {
  return cmd
    .option('--from <time>', 'records at or after this ISO 8601 time')
    .option('--to <time>', 'records before this ISO 8601 time')
    .option('--agent <name>')
    .option('--user <id>')
    .option('--tool <name>')
    .option('--backend <name>')
    .addOption(new Option('--decision <effect>', 'decision of the call').choices(['allow', 'deny', 'hold']))
    .addOption(new Option('--risk <level>', 'risk level of the tool').choices(['low', 'medium', 'high']))
    .option('--approval-id <id>')
    .addOption(new Option('--status <resultStatus>', 'result status of the call').choices(RESULT_STATUSES))
    .addOption(
      new Option('--type <eventType>', 'audit event type (meanings: docs/audit-events.md)').choices(
        Object.keys(auditEventTypes),
      ),
    )
    .option('--request-id <id>');
}

type FilterOptions = Partial<
  Record<
    | 'from'
    | 'to'
    | 'agent'
    | 'user'
    | 'tool'
    | 'backend'
    | 'decision'
    | 'risk'
    | 'approvalId'
    | 'status'
    | 'type'
    | 'requestId',
    string
  >
>;

function toFilter(o: FilterOptions): AuditFilter {
  const f: AuditFilter = {};
  for (const key of ['from', 'to'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    const t = Date.parse(v);
    if (Number.isNaN(t)) throw new CliError(`--${key}: not an ISO 8601 time: ${v}`, 2);
    f[key] = new Date(t).toISOString();
  }
  for (const key of [
    'agent',
    'user',
    'tool',
    'backend',
    'risk',
    'approvalId',
    'status',
    'type',
    'requestId',
  ] as const) {
    if (o[key] !== undefined) f[key] = o[key];
  }
  if (o.decision !== undefined) {
    if (o.decision !== 'allow' && o.decision !== 'deny') throw new CliError('--decision: allow or deny', 2);
    f.decision = o.decision;
  }
  return f;
}

function positiveInt(name: string, v: string): number {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new CliError(`${name}: expected a positive integer, got ${v}`, 2);
  return Number(v);
}

/** A verify bound: a seq number, or an ISO time (the first record at/after it for --from, the last before it for --to). */
async function seqBound(
  store: AuditStore,
  name: string,
  v: string | undefined,
  edge: 'from' | 'to',
): Promise<number | undefined> {
  if (v === undefined) return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new CliError(`${name}: expected a seq number or an ISO 8601 time, got ${v}`, 2);
  const before = (await store.lastSeqBefore(new Date(t).toISOString())) ?? 0;
  return edge === 'from' ? before + 1 : before;
}

export async function verificationKey(
  dataDir: string,
  store: AuditStore,
  publicKeyFile?: string,
  anchorKey?: string,
): Promise<{ key: KeyObject; source: VerifyResult['keySource'] }> {
  if (publicKeyFile) return { key: await loadVerificationKey(publicKeyFile), source: 'public-key' };
  // The key the anchor file was started with: a log re-signed with another key (and a key file replaced in
  // dataDir) does not verify against it.
  if (anchorKey) return { key: createPublicKey(anchorKey), source: 'anchor' };
  for (const candidate of [join(dataDir, 'audit-signing-key.pem'), join(dataDir, 'audit-signing-key.pem.pub')]) {
    if (existsSync(candidate)) return { key: await loadVerificationKey(candidate), source: 'key-file' };
  }
  const pem = await store.getMeta('publicKey');
  if (!pem) throw new CliError('no verification key: pass --public-key FILE', 2);
  return { key: createPublicKey(pem), source: 'database' };
}

function readCheckpoints(file: string): SignedCheckpoint[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((l, i) => {
    if (!l.trim()) return;
    try {
      JSON.parse(l);
    } catch {
      throw new CliError(`${file}:${i + 1}: not a JSON checkpoint`, 2);
    }
  });
  return parseAnchors(lines.join('\n')).checkpoints;
}

export function formatVerifyResult(r: VerifyResult): string {
  const range = r.records > 0 ? ` (seq ${r.firstSeq}..${r.lastSeq})` : '';
  const lines = [
    r.ok
      ? `OK: ${r.records} record(s)${range} and ${r.checkpoints} signed checkpoint(s) verified in ${r.durationMs} ms`
      : `FAILED: ${r.issues.length} problem(s) in ${r.records} record(s)${range}`,
  ];
  for (const i of r.issues) lines.push(`  seq ${i.seq}: ${i.kind}: ${i.message}`);
  if (r.anchors)
    lines.push(
      r.anchors.newestSeq !== undefined
        ? `  anchored: ${r.anchors.checkpoints} checkpoint(s) outside the database, newest at seq ${r.anchors.newestSeq} (${r.anchors.files.join(', ')})`
        : '  warning: no anchor found outside the database; a truncated tail cannot be detected',
    );
  if (r.keySource === 'database')
    lines.push(
      '  warning: signatures checked with the key stored in the database itself; pass --public-key for independent assurance',
    );
  return `${lines.join('\n')}\n`;
}

export function register(program: Command): void {
  const audit = program.command('audit').description('Query, verify and export the tamper-evident audit log');

  withFilters(withLocation(audit.command('query')))
    .description('Print matching records as JSON Lines, newest first; the next-page cursor goes to stderr')
    .option('--limit <n>', 'records per page (max 1000)', '100')
    .option('--cursor <cursor>', 'continue from a previous page')
    .addOption(
      new Option('--order <order>', 'newest first (desc) or oldest first (asc)')
        .choices(['asc', 'desc'])
        .default('desc'),
    )
    .action(async (opts: LocationOptions & FilterOptions & { limit: string; cursor?: string; order: string }) => {
      if (opts.order !== 'asc' && opts.order !== 'desc') throw new CliError('--order: asc or desc', 2);
      const store = await openStore(resolveLocation(opts));
      try {
        const page = await queryAudit(
          store,
          { ...toFilter(opts), limit: positiveInt('--limit', opts.limit), order: opts.order },
          opts.cursor,
        );
        process.stdout.write(page.records.map((r) => `${JSON.stringify(r)}\n`).join(''));
        if (page.nextCursor) process.stderr.write(`next cursor: ${page.nextCursor}\n`);
      } finally {
        await store.close();
      }
    });

  withLocation(audit.command('verify'))
    .description(
      'Check the hash chain and checkpoint signatures; exit code 1 and the position of every break when tampered',
    )
    .option('--from <seq|time>', 'first record to check (seq or ISO time)')
    .option('--to <seq|time>', 'last record to check (seq or ISO time)')
    .option(
      '--checkpoints <file>',
      'checkpoints kept elsewhere (from `audit export --format checkpoints`) to check against',
    )
    .option('--public-key <file>', 'Ed25519 public key (PEM) the checkpoints must be signed with')
    .option(
      '--anchor <file...>',
      'anchor files to check against (default: audit.anchorPath or <dataDir>.audit-anchor.jsonl, and every file sink)',
    )
    .option('--json', 'print the result as JSON')
    .action(
      async (
        opts: LocationOptions & {
          from?: string;
          to?: string;
          checkpoints?: string;
          publicKey?: string;
          anchor?: string[];
          json?: boolean;
        },
      ) => {
        const location = resolveLocation(opts);
        const dataDir = location.dataDir;
        const { anchors, used } = await loadAnchors(opts.anchor?.map((f) => resolve(f)) ?? location.anchorFiles);
        const store = await openStore(location, anchors);
        try {
          const { key, source } = await verificationKey(dataDir, store, opts.publicKey, anchors.publicKey);
          const fromSeq = await seqBound(store, '--from', opts.from, 'from');
          const toSeq = await seqBound(store, '--to', opts.to, 'to');
          const result = await verifyAuditChain(store, {
            publicKey: key,
            keySource: source,
            range: { ...(fromSeq !== undefined ? { fromSeq } : {}), ...(toSeq !== undefined ? { toSeq } : {}) },
            externalCheckpoints: [
              ...anchors.checkpoints,
              ...(opts.checkpoints ? readCheckpoints(opts.checkpoints) : []),
            ],
          });
          result.anchors = {
            files: used,
            checkpoints: anchors.checkpoints.length,
            ...(anchors.checkpoints.length > 0
              ? { newestSeq: Math.max(...anchors.checkpoints.map((c) => c.seq)) }
              : {}),
          };
          process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatVerifyResult(result));
          if (!result.ok) process.exitCode = 1;
        } finally {
          await store.close();
        }
      },
    );

  withFilters(withLocation(audit.command('export')))
    .description('Export matching records (oldest first) as JSON Lines or CSV, or the signed checkpoints as JSON Lines')
    .addOption(
      new Option('--format <format>', 'output format').choices(['jsonl', 'csv', 'checkpoints']).default('jsonl'),
    )
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(async (opts: LocationOptions & FilterOptions & { format: string; out?: string }) => {
      if (!['jsonl', 'csv', 'checkpoints'].includes(opts.format))
        throw new CliError('--format: jsonl, csv or checkpoints', 2);
      const store = await openStore(resolveLocation(opts));
      try {
        const out = opts.out ? createWriteStream(opts.out, { mode: 0o600 }) : process.stdout;
        const n = await exportAudit(store, opts.format as ExportFormat, toFilter(opts), out);
        if (opts.out) {
          out.end();
          await finished(out);
          process.stderr.write(
            `exported ${n} ${opts.format === 'checkpoints' ? 'checkpoint(s)' : 'record(s)'} to ${opts.out}\n`,
          );
        }
      } finally {
        await store.close();
      }
    });
}
