// A throwaway PostgreSQL server for benchmarks (the tests have their own, test/postgres/server.ts): `initdb` into a
// fresh directory, `pg_ctl start` on a free 127.0.0.1 port, trust authentication for the `postgres` superuser. As
// root (initdb refuses to run as root) the server runs as the `postgres` system user.
// The server is a daemon, not a child of the bench: it is stopped and its directory removed when the bench ends in any
// way — `stop()` (call it in a `finally`), a failed start, Ctrl-C or SIGTERM (the bench then exits 130), and, when the
// bench is killed outright or crashes, by the reaper (test/postgres/reaper.mjs) that watches the bench's pid.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Where Debian's postgresql-15 puts its programs; PORTCULLIS_PG_BIN overrides. */
export const PG_BIN = process.env.PORTCULLIS_PG_BIN ?? '/usr/lib/postgresql/15/bin';

const REAPER = join(import.meta.dirname, '..', '..', 'test', 'postgres', 'reaper.mjs');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts the server; undefined when PostgreSQL's programs are not installed.
 * Options: `parent` the directory the server's directory is made in (default /tmp: a data directory on disk, so
 * fsync costs what it costs; /dev/shm for CPU-only measurements).
 * Returns { port, dir, url(database), createDatabase(name), tempDir(prefix), stop() }: `tempDir` makes a directory
 * for the bench's own files inside the server's, so they go with it on any exit, a killed bench included.
 */
export async function startPostgres({ parent = '/tmp' } = {}) {
  if (!existsSync(join(PG_BIN, 'initdb'))) return undefined;
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(parent, 'portcullis-bench-pg-'));
  const data = join(dir, 'data');
  const command = (cmd, args) =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, cmd), ...args]] : [join(PG_BIN, cmd), args];
  const run = (cmd, args) => {
    const r = spawnSync(...command(cmd, args), { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  // The data is thrown away: no shutdown checkpoint needed.
  const stopArgs = ['-D', data, '-m', 'immediate', '-w', 'stop'];
  const reaper = spawn(
    process.execPath,
    [REAPER, String(process.pid), dir, JSON.stringify(command('pg_ctl', stopArgs).flat())],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  reaper.unref();
  let stopped = false;
  const onSignal = () => {
    stop();
    process.exit(130);
  };
  function stop() {
    if (stopped) return;
    stopped = true;
    for (const signal of ['SIGINT', 'SIGTERM']) process.off(signal, onSignal);
    reaper.kill();
    try {
      // Also after a failed start: `pg_ctl start -w` that timed out may leave a server starting.
      if (existsSync(join(data, 'postmaster.pid'))) run('pg_ctl', stopArgs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, onSignal);
  try {
    if (asRoot) spawnSync('chown', ['postgres:postgres', dir]);
    chmodSync(dir, 0o700);
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions']);
    const port = await freePort();
    const opts = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1'];
    run('pg_ctl', ['-D', data, '-o', opts.join(' '), '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    return {
      port,
      dir,
      url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
      createDatabase: (name) => run('createdb', ['-h', dir, '-p', String(port), name]),
      tempDir: (prefix) => mkdtempSync(join(dir, prefix)),
      stop,
    };
  } catch (e) {
    try {
      stop();
    } catch {
      // the start's own error is the one to report
    }
    throw e;
  }
}
