import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Debian's redis-server (apt-get install redis-server); PORTCULLIS_REDIS_SERVER overrides. */
export const REDIS_SERVER = process.env.PORTCULLIS_REDIS_SERVER ?? 'redis-server';

/** Whether redis-server can be run here. In CI (`CI=true`) its absence is an error: the Redis tests never skip. */
export function redisAvailable(): boolean {
  const ok = spawnSync(REDIS_SERVER, ['--version'], { stdio: 'ignore' }).status === 0;
  if (!ok && process.env.CI === 'true')
    throw new Error(`${REDIS_SERVER} not found: CI must run the Redis tests (apt-get install redis-server)`);
  return ok;
}

export interface RedisServer {
  /** `redis://[:password@]127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
  /** Stops the server (an outage); `resume()` starts it again on the same port (empty: nothing is persisted). */
  pause(): Promise<void>;
  resume(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A throwaway redis-server on a free 127.0.0.1 port: no persistence (no RDB, no AOF), its own temp directory, an
 * optional password. A child of this process; should the test run die without stopping it, the PostgreSQL helper's
 * reaper (test/postgres/reaper.mjs) kills it and removes its directory.
 */
export async function startRedis(opts: { password?: string } = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : '/tmp', 'portcullis-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let reaper: ChildProcess | undefined;
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'no',
    '--logfile',
    '',
    ...(opts.password ? ['--requirepass', opts.password] : []),
  ];
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const c = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = c;
      let out = '';
      const timer = setTimeout(() => {
        c.kill('SIGKILL');
        reject(new Error(`redis-server did not start within 20 s:\n${out}`));
      }, 20_000);
      c.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      c.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      c.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}):\n${out}`));
      });
      reaper?.kill();
      reaper = spawn(
        process.execPath,
        [
          join(import.meta.dirname, '../postgres/reaper.mjs'),
          String(process.pid),
          dir,
          JSON.stringify(['kill', '-9', String(c.pid)]),
        ],
        { detached: true, stdio: 'ignore' },
      );
      reaper.unref();
    });
  const halt = () =>
    new Promise<void>((resolve) => {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  try {
    await start();
  } catch (e) {
    await halt();
    reaper?.kill();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const auth = opts.password ? `:${encodeURIComponent(opts.password)}@` : '';
  return {
    url: `redis://${auth}127.0.0.1:${port}`,
    port,
    pause: halt,
    resume: start,
    async stop() {
      await halt();
      reaper?.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
