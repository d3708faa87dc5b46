import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../e2e/support/free-port.js';

/** Where Debian's postgresql-15 puts its programs; PORTCULLIS_PG_BIN overrides. */
export const PG_BIN = process.env.PORTCULLIS_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgresServer {
  /** Superuser URL of the `postgres` database (tests create their own databases from it). */
  url: string;
  stop(): void;
  /** Stops the server (fast shutdown: sessions are ended) and keeps its files: an outage; `resume()` ends it. */
  pause(): void;
  /** Starts the paused server again on the same port, with the same data. */
  resume(): void;
}

/**
 * A throwaway PostgreSQL server: `initdb` into a fresh directory, `pg_ctl start` on a free 127.0.0.1 port, trust
 * authentication for the `postgres` superuser. initdb refuses to run as root, so as root the server runs as the
 * `postgres` system user (`runuser`). The directory is outside TMPDIR because that one is private to root.
 * Returns undefined when the programs are not installed.
 */
export async function startPostgres(): Promise<PostgresServer | undefined> {
  if (!existsSync(join(PG_BIN, 'initdb'))) return undefined;
  const asRoot = process.getuid?.() === 0;
  const base = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : '/tmp', 'portcullis-pg-'));
  const data = join(base, 'data');
  const command = (cmd: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, cmd), ...args]] : [join(PG_BIN, cmd), args];
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(...command(cmd, args), { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  const stopArgs = ['-D', data, '-m', 'immediate', '-w', 'stop'];
  // The server is a daemon, not our child: should this process die without calling stop() (a killed or crashed test
  // run never reaches its teardown), the reaper stops it and removes its files.
  const reaper: ChildProcess = spawn(
    process.execPath,
    [
      join(import.meta.dirname, 'reaper.mjs'),
      String(process.pid),
      base,
      JSON.stringify(command('pg_ctl', stopArgs).flat()),
    ],
    { detached: true, stdio: 'ignore' },
  );
  reaper.unref();
  const stopAll = () => {
    reaper.kill();
    try {
      // Also after a failed start: `pg_ctl start -w` that timed out may still leave a running server behind.
      if (existsSync(join(data, 'postmaster.pid'))) run('pg_ctl', stopArgs);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  };
  try {
    if (asRoot) execFileSync('chown', ['postgres:postgres', base]);
    chmodSync(base, 0o700);
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    const port = await freePort();
    const opts = [
      `-p ${port}`,
      `-k ${base}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=200',
      '-c shared_buffers=32MB',
    ].join(' ');
    const start = () =>
      run('pg_ctl', ['-D', data, '-o', opts, '-l', join(base, 'server.log'), '-w', '-t', '60', 'start']);
    start();
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop: stopAll,
      pause: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
      resume: start,
    };
  } catch (e) {
    try {
      stopAll();
    } catch {
      // the start's own error is the one to report
    }
    throw e;
  }
}
