// PostgreSQL stopped under two running gateways and started again (an outage, a restart of the database): both
// gateways stay up, refuse every call with a reason while it lasts (fail closed: no call without its intent record),
// serve again by themselves once it is back (no restart), and the audit chain they share verifies.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PG_BIN, startPostgres, type PostgresServer } from '../postgres/server.js';
import { cli, connectAgent, serve, tempDir, type ServedGateway } from './harness.js';
import { sharedStoreConfig } from './support/shared-store-config.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** One tools/call on a new session: 'ok', or what the gateway answered instead. */
async function attempt(url: string, key: string): Promise<string> {
  try {
    const c = await connectAgent(url, key);
    try {
      const r = await c.callTool({ name: 't_echo', arguments: { message: 'x' } });
      const text = (r.content as Array<{ text?: string }>)[0]?.text ?? '';
      return r.isError ? `tool error: ${text}` : 'ok';
    } finally {
      await c.close().catch(() => undefined);
    }
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

describe.skipIf(!existsSync(join(PG_BIN, 'initdb')))('PostgreSQL outage under two gateways', () => {
  it('calls are refused with a reason while PostgreSQL is down, and served again when it is back, without a restart', async () => {
    const server: PostgresServer = (await startPostgres())!;
    cleanups.push(() => server.stop());
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE portcullis');
    await admin.end();
    const dir = tempDir();
    cleanups.push(() => {
      for (const p of [dir, `${dir}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
    });
    const file = join(dir, 'portcullis.yaml');
    writeFileSync(file, sharedStoreConfig(server.url.replace(/\/postgres$/, '/portcullis'), ['a']));
    const created = cli(['agents', 'create', 'a', '--config', file]);
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim();
    const gateways: ServedGateway[] = [];
    for (let i = 0; i < 2; i++) {
      const gw = await serve(file, { cwd: dir });
      cleanups.push(() => void gw.proc.kill('SIGKILL'));
      gateways.push(gw);
    }
    for (const gw of gateways) expect(await attempt(gw.url, key)).toBe('ok');

    server.pause();
    // More attempts than the failed-authentication budget (30 a minute): a key that could not be checked is no guess.
    for (const gw of gateways) {
      const answers = new Set<string>();
      for (let i = 0; i < 35; i++) answers.add(await attempt(gw.url, key));
      for (const a of answers) {
        expect(a, gw.stderr()).not.toBe('ok');
        expect(a).toMatch(/The key store cannot be reached; try again later|Audit log unavailable; call refused/);
      }
    }
    for (const gw of gateways) expect(gw.proc.exitCode, gw.stderr()).toBeNull();

    server.resume();
    for (const gw of gateways) {
      const until = Date.now() + 30_000;
      let last = await attempt(gw.url, key);
      while (last !== 'ok' && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 250));
        last = await attempt(gw.url, key);
      }
      expect(last, gw.stderr()).toBe('ok');
      const ready = await fetch(`${gw.base}/readyz`);
      expect(ready.status).toBe(200);
    }
    for (const gw of gateways) await gw.stop();
    const verified = cli(['audit', 'verify', '--config', file]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^OK: /);
  });
});
