// Two real gateways (the CLI's `serve`, sharing PostgreSQL as replicas do) counting rate limits in one Redis: a limit
// of N per hour allows N calls in total across both and refuses the next on either; Redis stopped mid-traffic, every
// limited call is refused with a reason (fail closed) while both gateways stay up; Redis back, calls pass again
// without a restart. The Redis password never reaches the gateways' logs.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresServerUrl } from '../postgres/database.js';
import { redisAvailable, startRedis } from '../redis/server.js';
import { FIXTURES, cli, connectAgent, serve, tempDir, type ServedGateway } from './harness.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const pgUrl = postgresServerUrl();
const PASSWORD = 'rl-s3cret-Zq81';
const LIMIT = 5;

/** One tools/call: 'ok', or what the gateway answered instead. */
async function call(c: Client): Promise<string> {
  try {
    const r = await c.callTool({ name: 't_echo', arguments: { message: 'x' } });
    const text = (r.content as Array<{ text?: string }>)[0]?.text ?? '';
    return r.isError ? `tool error: ${text}` : 'ok';
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

describe.skipIf(!pgUrl || !redisAvailable())('rate limits shared in Redis by two gateways', () => {
  it('N calls in total across both, the next refused on either; an outage refuses with a reason; recovery needs no restart', async () => {
    const redis = await startRedis({ password: PASSWORD });
    cleanups.push(() => redis.stop());
    const db = await createTestDatabase(pgUrl!);
    cleanups.push(() => db.drop());
    const dir = tempDir();
    cleanups.push(() => {
      for (const p of [dir, `${dir}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
    });
    const file = join(dir, 'portcullis.yaml');
    writeFileSync(
      file,
      `storage: ${db.url}
upstreams:
  t:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, 'test-upstream.mjs'))}]
agents:
  a: { tools: { allow: ["t_echo"] } }
limits:
  store: { redis: { url: "\${PORTCULLIS_REDIS_URL}", timeoutMs: 300 } }
  rate:
    - { name: per-agent, limit: ${LIMIT}, per: hour }
`,
    );
    const env = { PORTCULLIS_REDIS_URL: redis.url };
    const validated = cli(['validate', '--config', file], { env });
    expect(validated.code, validated.stderr).toBe(0);
    expect(validated.stdout).toContain(`counted Redis "redis://:***@127.0.0.1:${redis.port}"`);
    expect(validated.stdout + validated.stderr).not.toContain(PASSWORD);
    const created = cli(['agents', 'create', 'a', '--config', file], { env });
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim();

    const gateways: ServedGateway[] = [];
    const clients: Client[] = [];
    for (let i = 0; i < 2; i++) {
      const gw = await serve(file, { cwd: dir, env });
      cleanups.push(() => void gw.proc.kill('SIGKILL'));
      gateways.push(gw);
      const c = await connectAgent(gw.url, key);
      cleanups.push(() => c.close().catch(() => undefined));
      clients.push(c);
    }

    // N calls in total, alternating between the replicas: all pass; the next one is refused on either.
    const answers: string[] = [];
    for (let i = 0; i < LIMIT; i++) answers.push(await call(clients[i % 2]!));
    expect(answers).toEqual(Array(LIMIT).fill('ok'));
    for (const c of clients) expect(await call(c)).toMatch(/Rate limit "per-agent" exceeded for t_echo/);

    // Redis stopped: refused on both with a reason, both stay up and say it once in their log.
    await redis.pause();
    for (const c of clients) {
      for (let i = 0; i < 3; i++) {
        expect(await call(c)).toMatch(/^error: .*Rate limits cannot be checked right now; call refused/);
      }
    }
    for (const gw of gateways) {
      expect(gw.proc.exitCode, gw.stderr()).toBeNull();
      expect(gw.stderr()).toContain(`limits: Redis at redis://:***@127.0.0.1:${redis.port} unavailable`);
    }

    // Redis back (empty: nothing persisted, so the bucket starts full): calls pass again on both, no restart.
    await redis.resume();
    for (const c of clients) {
      const until = Date.now() + 30_000;
      let last = await call(c);
      while (last !== 'ok' && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 250));
        last = await call(c);
      }
      expect(last).toBe('ok');
    }
    for (const gw of gateways) {
      expect(gw.stderr()).toMatch(/limits: Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ reachable again/);
      expect(gw.stderr()).not.toContain(PASSWORD);
    }
    for (const c of clients) await c.close();
    for (const gw of gateways) await gw.stop();
    const verified = cli(['audit', 'verify', '--config', file], { env });
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  });
});
