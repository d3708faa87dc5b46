// PostgreSQL as the shared store of several gateway replicas: two `portcullis serve` processes on one database
// under load (one killed with SIGKILL), and `portcullis storage copy` of a populated SQLite deployment.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresServerUrl } from '../postgres/database.js';
import { cli, connectAgent, serve, tempDir, type ServedGateway } from './harness.js';
import { sharedStoreConfig } from './support/shared-store-config.js';

const server = postgresServerUrl();
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function workspace(): string {
  const dir = tempDir();
  cleanups.push(() => {
    for (const p of [dir, join(dir, '.portcullis.audit-anchor.jsonl')]) rmSync(p, { recursive: true, force: true });
  });
  return dir;
}

const config = (storage: string) => sharedStoreConfig(storage, ['a', 'b']);

/** `portcullis serve` on the config in `cwd`, killed at the end of the file at the latest. */
async function serveHere(configFile: string, cwd: string): Promise<ServedGateway> {
  const gw = await serve(configFile, { cwd });
  cleanups.push(() => void gw.proc.kill('SIGKILL'));
  return gw;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

(server ? describe : describe.skip)('PostgreSQL storage shared by gateway replicas', () => {
  it('two gateways append concurrently under load, one is killed mid-load: the chain verifies, no acknowledged call lost, none duplicated', async () => {
    const db = await createTestDatabase(server!);
    cleanups.push(() => db.drop());
    const dir = workspace();
    const file = join(dir, 'portcullis.yaml');
    writeFileSync(file, config(db.url));
    const keys: Record<string, string> = {};
    for (const agent of ['a', 'b']) {
      const r = cli(['agents', 'create', agent, '--config', file]);
      expect(r.code, r.stderr).toBe(0);
      keys[agent] = r.stdout.trim();
    }
    const gwA = await serveHere(file, dir);
    const gwB = await serveHere(file, dir);
    const acked = { a: 0, b: 0 };
    let killed = false;
    const errors: string[] = [];
    const waitFor = async (cond: () => boolean, what: string) => {
      const end = Date.now() + 30_000;
      while (!cond()) {
        if (errors.length) throw new Error(`while waiting for ${what}: ${errors.join('; ')}`);
        if (Date.now() > end) throw new Error(`timed out waiting for ${what} (acked ${JSON.stringify(acked)})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const running = { a: true, b: true };
    const load = async (agent: 'a' | 'b', url: string) => {
      const client = await connectAgent(url, keys[agent]);
      while (running[agent]) {
        try {
          const r = await client.callTool({ name: 't_echo', arguments: { message: `${agent}-${acked[agent]}` } });
          if (r.isError) throw new Error(JSON.stringify(r.content));
          acked[agent]++;
        } catch (e) {
          // The killed gateway: its unanswered calls are not acknowledged.
          if (agent === 'a' && !killed)
            errors.push(`gateway a refused a call before it was killed: ${(e as Error).message}`);
          if (agent === 'b') errors.push(`the surviving gateway refused a call: ${(e as Error).message}`);
          return;
        }
      }
      await client.close().catch(() => undefined);
    };
    // Calls in flight to the killed gateway may never settle: only the survivor's loops are awaited.
    for (let i = 0; i < 6; i++) void load('a', gwA.url);
    const loops = Array.from({ length: 6 }, () => load('b', gwB.url));
    await waitFor(() => acked.a >= 150 && acked.b >= 150, 'both gateways under load');
    killed = true;
    gwA.proc.kill('SIGKILL');
    await gwA.exited;
    running.a = false;
    const atKill = acked.b;
    await waitFor(() => acked.b >= atKill + 150, 'the surviving gateway to go on');
    running.b = false;
    await Promise.all(loops);
    expect(errors).toEqual([]);
    gwB.proc.kill('SIGTERM');
    await gwB.exited;

    const v = cli(['audit', 'verify', '--config', file]);
    expect(v.stdout + v.stderr).toMatch(/^OK: /);
    expect(v.code).toBe(0);
    const rows = await query<{ agent: string; n: number; uniq: number }>(
      db.url,
      "SELECT agent, count(*)::int AS n, count(DISTINCT request_id)::int AS uniq FROM audit_records WHERE type = 'tool.call.requested' GROUP BY agent ORDER BY agent",
    );
    expect(rows.map((r) => r.agent)).toEqual(['a', 'b']);
    const by = Object.fromEntries(rows.map((r) => [r.agent, r]));
    // Every acknowledged call had its intent committed before it ran; the survivor's calls all completed.
    expect(by.a!.n).toBeGreaterThanOrEqual(acked.a);
    expect(by.b!.n).toBe(acked.b);
    expect(by.a!.uniq).toBe(by.a!.n);
    expect(by.b!.uniq).toBe(by.b!.n);
    const seqs = await query<{ n: number; max: number }>(
      db.url,
      'SELECT count(*)::int AS n, max(seq)::int AS max FROM audit_records',
    );
    expect(seqs[0]!.n).toBe(seqs[0]!.max);
  }, 120_000);

  it('`storage copy` moves a populated SQLite deployment to PostgreSQL; the chain verifies there', async () => {
    const dir = workspace();
    const sqliteConfig = join(dir, 'portcullis.yaml');
    writeFileSync(sqliteConfig, config('sqlite'));
    for (const args of [
      ['agents', 'create', 'a'],
      ['agents', 'create', 'b'],
      ['agents', 'rotate', 'a'],
      ['agents', 'revoke', 'b'],
    ]) {
      const r = cli([...args, '--config', sqliteConfig]);
      expect(r.code, r.stderr).toBe(0);
    }
    const gw = await serveHere(sqliteConfig, dir);
    const client = await connectAgent(gw.url, cli(['agents', 'rotate', 'a', '--config', sqliteConfig]).stdout.trim());
    for (let i = 0; i < 40; i++) await client.callTool({ name: 't_echo', arguments: { message: `call ${i}` } });
    await client.close();
    gw.proc.kill('SIGTERM');
    await gw.exited;
    expect(cli(['audit', 'verify', '--config', sqliteConfig]).code).toBe(0);

    const db = await createTestDatabase(server!);
    cleanups.push(() => db.drop());
    const copy = cli(['storage', 'copy', '--from', `sqlite://${join(dir, '.portcullis')}`, '--to', db.url]);
    expect(copy.stderr).not.toMatch(/failed/);
    expect(copy.stdout).toMatch(
      /copied apiKeys: 4, approvals: 0, pins: [1-9]\d*, report: \d+, secrets: 0; \d+ audit record\(s\)/,
    );
    expect(copy.stdout).toMatch(/audit chain on the target: verified/);
    expect(copy.code).toBe(0);

    // The same deployment, now on PostgreSQL: the audit CLI and the keys work from there.
    const pgConfig = join(dir, 'portcullis-pg.yaml');
    writeFileSync(pgConfig, config(db.url));
    const v = cli(['audit', 'verify', '--config', pgConfig]);
    expect(v.stdout).toMatch(/^OK: /);
    expect(cli(['agents', 'list', '--config', pgConfig]).stdout).toMatch(/a\t1 active key\(s\).*\t2 revoked/);
    expect(cli(['migrate', '--config', pgConfig]).stdout).toMatch(/core: at version \d+ .*nothing to do/);
    // A second copy into the now populated database is refused.
    const again = cli(['storage', 'copy', '--from', `sqlite://${join(dir, '.portcullis')}`, '--to', db.url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
  }, 180_000); // a dozen CLI runs and a gateway start: slow on a loaded 2-core machine
});
