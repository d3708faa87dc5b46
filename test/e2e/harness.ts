import {
  spawn,
  spawnSync,
  type ChildProcess,
  type SpawnSyncOptionsWithStringEncoding,
  type SpawnSyncReturns,
} from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Agent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { parse } from 'yaml';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createTestDatabase, postgresServerUrl } from '../postgres/database.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');
export const FIXTURES = join(ROOT, 'test', 'fixtures');

/**
 * A fixture MCP server (test/fixtures/) run over stdio, as an entry under `upstreams:` named `name`: its tools are
 * served as `<name>_<tool>`. The default fixture is test-upstream.mjs (echo, env, cwd, slow, crash, ...).
 */
export function stdioUpstream(name: string, fixture = 'test-upstream.mjs'): string {
  return `  ${name}:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, fixture))}]`;
}

/** One person per role, as a `users:` block: alice (admin), audrey (auditor), pat (approver). */
export const PEOPLE = `users:
  alice: { roles: [admin] }
  audrey: { roles: [auditor] }
  pat: { roles: [approver] }`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * How long one CLI run may take before it counts as hung: PORTCULLIS_E2E_CLI_TIMEOUT_MS when set, else 60 s scaled by
 * the machine's load per core when the run starts (1x to 5x). A CLI run that takes 1.5 s idle takes ten times that on
 * a loaded 2-core CI box, and a run that blocks the test worker (spawnSync) cannot be cut short by vitest's own timeout.
 */
export function cliTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const set = env.PORTCULLIS_E2E_CLI_TIMEOUT_MS;
  if (set !== undefined) {
    const ms = Number(set);
    if (!Number.isInteger(ms) || ms <= 0)
      throw new Error(`PORTCULLIS_E2E_CLI_TIMEOUT_MS: a whole number of milliseconds above 0, not '${set}'`);
    return ms;
  }
  return scaledTimeout(60_000);
}

/**
 * A time budget of `ms` on an idle machine, scaled by the load per core when it is taken (1x to 5x), as a CLI run's
 * bound is: for a test whose work is process starts and CLI runs, which take ten times as long on a loaded 2-core CI
 * box. Still a bound (never more than 5x): a hang fails the test.
 */
export function scaledTimeout(ms: number): number {
  const perCore = (loadavg()[0] ?? 0) / availableParallelism();
  return Math.round(ms * Math.min(5, Math.max(1, perCore)));
}

/**
 * Runs a child process to completion, blocking the test worker, then gives `fetch` (and the SDK clients over it) fresh
 * connections. While the worker is blocked its event loop cannot see a gateway close an idle kept-alive connection
 * (the gateway's keep-alive is 65 s, CLI runs at load take longer), and the first fetch after the block would be
 * written on that closed connection ("fetch failed: other side closed"). The old dispatcher finishes what it has in
 * flight (listen and session streams) and then closes.
 */
export function runToEnd(
  command: string,
  args: readonly string[],
  options: SpawnSyncOptionsWithStringEncoding,
): SpawnSyncReturns<string> {
  try {
    return spawnSync(command, args, options);
  } finally {
    const old = getGlobalDispatcher();
    setGlobalDispatcher(new Agent());
    void old.close().catch(() => undefined);
  }
}

/**
 * Runs the real CLI (built output) to completion. A run that does not end within {@link cliTimeoutMs} throws, naming
 * the command, the bound and the output so far: a hang is never read as an exit code a test expected.
 */
export function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const bound = cliTimeoutMs();
  const r = runToEnd(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
    timeout: bound,
  });
  if (r.error) {
    const why =
      (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT'
        ? `did not exit within ${bound} ms (PORTCULLIS_E2E_CLI_TIMEOUT_MS)`
        : r.error.message;
    throw new Error(
      `portcullis ${args.join(' ')}: ${why}; stdout so far: ${JSON.stringify((r.stdout ?? '').slice(-500))}, stderr so far: ${JSON.stringify((r.stderr ?? '').slice(-1500))}`,
    );
  }
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A gateway started by {@link startGateway}: its process plus its temp dir, config and keys. */
export interface RunningGateway extends ServedGateway {
  dir: string;
  configFile: string;
  keys: Record<string, string>;
  /** The gateway's PostgreSQL database when the run is on PostgreSQL (PORTCULLIS_E2E_STORAGE=postgres). */
  storageUrl?: string;
  /** Replaces the config file (a reload), keeping the storage line the harness added. */
  rewriteConfig(config: string): void;
}

/**
 * Everything the gateway's store holds, as bytes to search (a secret must never be in it): SQLite's database files
 * with their write-ahead logs, or on PostgreSQL every row of every table as text.
 */
export async function dumpStore(gw: RunningGateway): Promise<Buffer> {
  if (gw.storageUrl) {
    const c = new pg.Client({ connectionString: gw.storageUrl });
    await c.connect();
    try {
      const tables = await c.query<{ name: string }>(
        "SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public'",
      );
      const rows: string[] = [];
      for (const t of tables.rows)
        for (const r of (await c.query<{ row: string }>(`SELECT t::text AS row FROM ${t.name} t`)).rows)
          rows.push(r.row);
      return Buffer.from(rows.join('\n'));
    } finally {
      await c.end();
    }
  }
  const data = join(gw.dir, '.portcullis');
  return Buffer.concat(
    readdirSync(data)
      .filter((f) => /\.db(-wal)?$/.test(f))
      .map((f) => readFileSync(join(data, f))),
  );
}

/** True when this e2e run puts every gateway on PostgreSQL. */
export const onPostgres = process.env.PORTCULLIS_E2E_STORAGE === 'postgres';

/**
 * Makes the gateway's audit store unwritable until the returned function is called: another session holds a write
 * lock on it (SQLite: an IMMEDIATE transaction on audit.db; PostgreSQL: an EXCLUSIVE lock on the records table,
 * which still lets readers in). The gateway must refuse calls that need the audit, not wait for the lock.
 */
export async function lockAuditStore(gw: RunningGateway): Promise<() => Promise<void>> {
  if (gw.storageUrl) {
    const c = new pg.Client({ connectionString: gw.storageUrl });
    // The test database is dropped (WITH FORCE) at teardown: a lock still held then is ended by the server, which is
    // expected and must not surface as an uncaught error.
    c.on('error', () => undefined);
    await c.connect();
    await c.query('BEGIN');
    await c.query('LOCK TABLE audit_records IN EXCLUSIVE MODE');
    return async () => {
      await c.query('ROLLBACK');
      await c.end();
    };
  }
  const db = new Database(join(gw.dir, '.portcullis', 'audit.db'));
  db.exec('BEGIN IMMEDIATE');
  return async () => {
    db.exec('ROLLBACK');
    db.close();
  };
}

export function tempDir(prefix = 'portcullis-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** An audit record as `portcullis audit query` prints it: the fields the e2e suites check. */
export type AuditRec = {
  type: string;
  agent?: string;
  decision?: string;
  rule?: string;
  reasons?: string[];
  requestId?: string;
  backend?: string;
  resultStatus?: string;
  error?: string;
  detail?: { method?: string; target?: string };
};

/**
 * The audit records `portcullis audit query --config FILE --order asc --limit 1000 ...args` prints, parsed (one JSON
 * object a line); throws with the CLI's stderr when it fails. `T` names the fields a test reads.
 */
export function auditQuery<T = { type: string }>(configFile: string, ...args: string[]): T[] {
  const r = cli(['audit', 'query', '--config', configFile, '--order', 'asc', '--limit', '1000', ...args]);
  if (r.code !== 0) throw new Error(`audit query failed (${r.code}): ${r.stderr}`);
  return r.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

/** A `portcullis serve` process, listening. */
export interface ServedGateway {
  /** The MCP endpoint (`http://127.0.0.1:PORT/mcp`). */
  url: string;
  /** The same without `/mcp`. */
  base: string;
  proc: ChildProcess;
  stderr: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process is gone. */
  stop(): Promise<void>;
}

/**
 * Runs `portcullis serve --config FILE --port PORT` (port 0 unless given) on an existing config and resolves once it
 * listens. Rejects with its stderr when it exits first or does not listen within 30 s; then it is not left running.
 */
export async function serve(
  configFile: string,
  opts: { cwd?: string; port?: number; args?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<ServedGateway> {
  const proc = spawn(
    process.execPath,
    [CLI, 'serve', '--config', configFile, '--port', String(opts.port ?? 0), ...(opts.args ?? [])],
    { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
    clearTimeout(timer);
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGKILL');
      await exited;
    }
  };
  try {
    const url = await new Promise<string>((res, rej) => {
      let out = '';
      const t = setTimeout(() => rej(new Error(`gateway did not start in 30 s:\n${err}`)), 30_000);
      proc.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (\S+)/.exec(out);
        if (m) {
          clearTimeout(t);
          res(m[1]!);
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(t);
        rej(new Error(`gateway exited with ${code}:\n${err}`));
      });
    });
    return { url, base: url.replace(/\/mcp$/, ''), proc, stderr: () => err, exited, stop };
  } catch (e) {
    await stop(); // the caller never got a handle to stop
    throw e;
  }
}

/**
 * Writes `config` to a temp dir, creates one API key per agent and user with `portcullis agents|users create`, and
 * starts `portcullis serve` on a free loopback port. When any of it fails, nothing is left behind (no process, no
 * files, no database).
 */
export async function startGateway(
  config: string,
  opts: { env?: NodeJS.ProcessEnv; port?: number } = {},
): Promise<RunningGateway> {
  const dir = tempDir();
  const configFile = join(dir, 'portcullis.yaml');
  // PORTCULLIS_E2E_STORAGE=postgres runs the gateway on a fresh database of the test run's PostgreSQL server.
  const database =
    process.env.PORTCULLIS_E2E_STORAGE === 'postgres' && !/^storage:/m.test(config)
      ? await createTestDatabase(postgresServerUrl() ?? '')
      : undefined;
  const withStorage = (text: string) => (database ? `storage: ${database.url}\n${text}` : text);
  const removeFiles = async () => {
    // Only once the gateway is gone: a gateway still shutting down may write into them.
    rmSync(dir, { recursive: true, force: true });
    await database?.drop();
  };
  try {
    writeFileSync(configFile, withStorage(config));
    const keys = createKeys(config, configFile, opts);
    const served = await serve(configFile, { cwd: dir, ...opts });
    return {
      ...served,
      dir,
      configFile,
      keys,
      ...(database ? { storageUrl: database.url } : {}),
      rewriteConfig: (text: string) => writeFileSync(configFile, withStorage(text)),
      async stop() {
        await served.stop();
        await removeFiles();
      },
    };
  } catch (e) {
    await removeFiles().catch(() => undefined);
    throw e;
  }
}

/** One API key per agent and per user the config names (`portcullis agents|users create`). */
function createKeys(config: string, configFile: string, opts: { env?: NodeJS.ProcessEnv }): Record<string, string> {
  const parsed = parse(config) as { agents?: Record<string, unknown>; users?: Record<string, unknown> } | null;
  const keys: Record<string, string> = {};
  for (const [group, names] of [
    ['agents', Object.keys(parsed?.agents ?? {})],
    ['users', Object.keys(parsed?.users ?? {})],
  ] as const) {
    for (const name of names) {
      const r = cli([group, 'create', name, '--config', configFile], opts);
      if (r.code !== 0) throw new Error(`${group} create ${name} failed: ${r.stderr}`);
      keys[name] = r.stdout.trim();
    }
  }
  return keys;
}

export { freePort } from './support/free-port.js';

/** Polls until `fn` returns a truthy value or the time is up. */
export async function eventually<T>(fn: () => Promise<T> | T, timeoutMs = 15_000, stepMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end)
      throw new Error(`condition not met in ${timeoutMs} ms${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** Starts a fixture process that prints `listening <port|url>` and returns the port. */
export async function startFixture(
  file: string,
  args: string[],
): Promise<{ port: number; proc: ChildProcess; stop(): void }> {
  const proc = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise<number>((res, rej) => {
    let out = '';
    const t = setTimeout(() => {
      proc.kill('SIGKILL'); // not left running: the caller never got a handle to stop
      rej(new Error(`fixture ${file} did not start`));
    }, 15_000);
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening \D*?(\d+)(?:\/|\s|$)/.exec(out) ?? /:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(t);
        res(Number(m[1]));
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(t);
      rej(new Error(`fixture ${file} exited with ${code} before listening`));
    });
  });
  return { port, proc, stop: () => void proc.kill('SIGKILL') };
}

/** An official SDK v2 client connected to the gateway over Streamable HTTP with an agent key. */
export async function connectAgent(
  url: string,
  key: string | undefined,
  options: ConstructorParameters<typeof Client>[1] = {},
): Promise<Client> {
  if (!key) throw new Error('no key for this agent');
  const client = new Client({ name: 'portcullis-e2e', version: '1.0.0' }, options);
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${key}` } } }),
  );
  return client;
}

/**
 * Calls `tool` (without arguments) over and over until `stop` settles, at least `min` times; every call must
 * succeed (an error result throws). Returns each answer's first text, and whether the call started while `stop` was
 * still pending: what another agent saw while something happened to a shared upstream.
 */
export async function callUntil(
  c: Client,
  tool: string,
  stop: Promise<unknown>,
  min = 1,
): Promise<Array<{ text: string; during: boolean }>> {
  const answers: Array<{ text: string; during: boolean }> = [];
  let done = false;
  const settled = () => void (done = true);
  void stop.then(settled, settled);
  while (!done || answers.length < min) {
    const during = !done;
    const r = await c.callTool({ name: tool });
    const text = (r.content as { text?: string }[] | undefined)?.[0]?.text ?? '';
    if (r.isError) throw new Error(`${tool} failed: ${text}`);
    answers.push({ text, during });
  }
  return answers;
}

/** The secret part of an API key `pcl_<12-char id>_<secret>` (the secret itself may contain "_"). */
export function secretOf(key: string | undefined): string {
  if (!key || !/^pcl_[A-Za-z0-9]{12}_/.test(key)) throw new Error('not an API key');
  return key.slice('pcl_'.length + 12 + 1);
}
