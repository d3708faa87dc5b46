/**
 * Pooled and per-agent stdio upstreams (`upstreams.<name>.pool`) with real SDK server processes, through the built
 * gateway and real SDK clients over 127.0.0.1: calls spread over the processes, one agent crashing its process does
 * not touch another agent's calls (every call answered, by a process that was already serving), and a crashed
 * process is replaced.
 */
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callUntil, connectAgent, eventually, FIXTURES, type RunningGateway, startGateway } from './harness.js';

const upstream = (pool: string) => `
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, 'limits-upstream.mjs'))}]
    reconnect: { initialDelayMs: 100, maxDelayMs: 1000 }
    pool: ${pool}`;

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(`
upstreams:
  pooled:${upstream('{ mode: pool, size: 2 }')}
  mine:${upstream('{ mode: per-agent, idleMs: 60000 }')}
agents:
  crasher:
    tools: { allow: ["pooled_*", "mine_*"] }
  steady:
    tools: { allow: ["pooled_*", "mine_*"] }
`);
}, 60_000);
afterAll(async () => {
  await gw?.stop();
});

const textOf = (r: { content: unknown }) => (r.content as { text: string }[])[0]!.text;
const pid = async (c: Client, tool: string) => Number(textOf(await c.callTool({ name: tool })));

/** Which process answered each of the steady agent's calls while `stop` was pending (at least five calls). */
const steadyCalls = async (c: Client, tool: string, stop: Promise<unknown>) =>
  (await callUntil(c, tool, stop, 5)).map((a) => ({ pid: Number(a.text), during: a.during }));

const readyz = async () =>
  ((await (await fetch(`${gw.base}/readyz`)).json()) as { backends: { name: string; processes?: unknown }[] }).backends;

describe('pooled stdio upstream', () => {
  it('spreads calls over its processes, and one crashing leaves another agent’s calls untouched; it is replaced', async () => {
    const crasher = await connectAgent(gw.url, gw.keys.crasher);
    const steady = await connectAgent(gw.url, gw.keys.steady);
    const pids = new Set(await Promise.all(Array.from({ length: 8 }, () => pid(steady, 'pooled_pid'))));
    expect(pids.size).toBe(2);
    expect((await readyz()).find((b) => b.name === 'pooled')?.processes).toEqual({ mode: 'pool', total: 2, ready: 2 });

    // The crasher's call holds one process (least busy: the steady agent's calls go to the other) and kills it.
    const crash = crasher.callTool({ name: 'pooled_crash' }).then(
      (r) => r,
      (e: unknown) => e,
    );
    const answers = await steadyCalls(steady, 'pooled_pid', crash);
    const crashed = (await crash) as { isError?: boolean; content?: unknown };
    expect(crashed.isError).toBe(true);
    expect(textOf(crashed as { content: unknown })).toMatch(/upstream "pooled" (disconnected|is unavailable)/);

    // Replaced: two processes again, one of them new.
    const after = await eventually(async () => {
      const seen = new Set(await Promise.all(Array.from({ length: 8 }, () => pid(steady, 'pooled_pid'))));
      return seen.size === 2 && [...seen].some((p) => !pids.has(p)) ? seen : undefined;
    }, 20_000);
    expect(after?.size).toBe(2);
    // While the crash was under way, the steady agent's calls were answered by processes already serving (none
    // waited for the replacement, whose process id is new). How fast they were is for bench/, not this test.
    for (const a of answers.filter((x) => x.during)) expect(pids.has(a.pid)).toBe(true);
    await Promise.all([crasher.close(), steady.close()]);
  }, 90_000);
});

describe('per-agent stdio upstream', () => {
  it('gives each agent its own process; one agent crashing its own never reaches another agent', async () => {
    const crasher = await connectAgent(gw.url, gw.keys.crasher);
    const steady = await connectAgent(gw.url, gw.keys.steady);
    const mine = await pid(crasher, 'mine_pid');
    const theirs = await pid(steady, 'mine_pid');
    expect(mine).not.toBe(theirs);
    expect(await pid(crasher, 'mine_pid')).toBe(mine);
    // State is per agent too: each process counts only its own agent's calls.
    await crasher.callTool({ name: 'mine_hit' });
    await crasher.callTool({ name: 'mine_hit' });
    expect(textOf(await steady.callTool({ name: 'mine_hits' }))).toBe('0');

    const crash = crasher.callTool({ name: 'mine_crash' }).then(
      (r) => r,
      (e: unknown) => e,
    );
    const answers = await steadyCalls(steady, 'mine_pid', crash);
    expect(((await crash) as { isError?: boolean }).isError).toBe(true);
    // Every call of the steady agent meanwhile was answered by its own process, which lives on.
    expect(new Set(answers.map((a) => a.pid))).toEqual(new Set([theirs]));
    expect(await pid(steady, 'mine_pid')).toBe(theirs);
    // The crasher gets a fresh process of its own.
    const fresh = await eventually(async () => {
      const r = await crasher.callTool({ name: 'mine_pid' });
      return r.isError ? undefined : Number(textOf(r));
    }, 20_000);
    expect(fresh).not.toBe(mine);
    expect(fresh).not.toBe(theirs);
    const status = (await readyz()).find((b) => b.name === 'mine')?.processes;
    expect(status).toEqual({ mode: 'per-agent', total: 3, ready: 3 }); // the catalog lister + one per agent
    await Promise.all([crasher.close(), steady.close()]);
  }, 90_000);
});
