// kill -9 a gateway while calls it sent are in flight: its intents have no outcome. The next gateway on the store
// records one for each (`tool.call.interrupted`: result unknown), chained like any record; the calls in flight at a
// gateway that is still alive on the same store are left alone; `audit verify` still passes. Both stores
// (PORTCULLIS_E2E_STORAGE=postgres runs it on PostgreSQL).
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { auditQuery, cli, connectAgent, serve, startGateway, tempDir, type RunningGateway } from './harness.js';

const work = tempDir('portcullis-interrupted-');
const countFile = join(work, 'executions.jsonl');
const UPSTREAM = join(import.meta.dirname, 'support', 'counting-upstream.mjs');
const config = `
upstreams:
  pay:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(UPSTREAM)}]
    env: { COUNT_FILE: ${JSON.stringify(countFile)} }
agents:
  ops:
    tools:
      allow: ["pay_wire_transfer", "pay_get_balance"]
policy:
  approvals:
    waivers:
      - tools: [pay_wire_transfer]
        categories: [financial]
        reason: the test upstream moves no money
`;
let gw: RunningGateway;
const extra: ChildProcess[] = [];

beforeAll(async () => {
  gw = await startGateway(config);
});
afterAll(async () => {
  for (const p of extra) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  await gw?.stop();
  rmSync(work, { recursive: true, force: true });
});

const another = async () => {
  const g = await serve(gw.configFile, { cwd: gw.dir });
  extra.push(g.proc);
  return g;
};
const kill9 = async (p: ChildProcess) => {
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGKILL');
  await exited;
};
const transfers = (account: string) =>
  existsSync(countFile)
    ? readFileSync(countFile, 'utf8')
        .split('\n')
        .filter((l) => l.includes(`"${account}"`)).length
    : 0;
const transfer = (c: Client, account: string, ms: number) =>
  c.callTool({ name: 'pay_wire_transfer', arguments: { account, amount: 5, ms } }).catch((e: Error) => e);

type Rec = { type: string; requestId?: string; resultStatus?: string; tool?: string; agent?: string; seq: number };
/** One `audit query` run (each spawns the CLI): every record, by type. */
const byType = () => {
  const all = auditQuery<Rec>(gw.configFile);
  return (type: string) => all.filter((r) => r.type === type);
};

describe('a gateway killed with calls in flight', () => {
  it(
    'gets an interrupted outcome for each of its open intents, and only for its own',
    { timeout: 300_000 },
    async () => {
      // The first gateway stays alive with a call in flight (20 s).
      const alive = await connectAgent(gw.url, gw.keys.ops);
      const aliveCall = transfer(alive, 'alive', 20_000);
      await expect.poll(() => transfers('alive'), { timeout: 20_000 }).toBe(1);

      // A second gateway on the same store sends one call that completes and one that is in flight when it is killed.
      const doomed = await another();
      const agent = await connectAgent(doomed.url, gw.keys.ops);
      expect((await agent.callTool({ name: 'pay_get_balance', arguments: { account: 'done' } })).isError).toBeFalsy();
      const lost = transfer(agent, 'lost', 60_000);
      await expect.poll(() => transfers('lost'), { timeout: 20_000 }).toBe(1);
      await kill9(doomed.proc);
      await agent.close();
      expect(await lost).toBeInstanceOf(Error);

      let records = byType();
      const intents = records('tool.call.requested');
      expect(intents).toHaveLength(3);
      const [aliveIntent, , lostIntent] = intents as [Rec, Rec, Rec];

      // A gateway on the store sees the killed process is gone (same host, pid dead) and closes its open intent: the
      // live one within its next sweep (a few seconds), or the restarted one at start-up, whichever comes first.
      const restarted = await another();
      await expect.poll(() => byType()('tool.call.interrupted').length, { timeout: 60_000, interval: 1000 }).toBe(1);
      records = byType();
      const [interrupted] = records('tool.call.interrupted');
      expect(interrupted).toMatchObject({
        requestId: lostIntent.requestId,
        tool: 'pay_wire_transfer',
        agent: 'ops',
        resultStatus: 'interrupted',
      });
      expect(interrupted!.seq).toBeGreaterThan(lostIntent.seq);
      expect(gw.stderr() + restarted.stderr()).toMatch(
        /1 call\(s\) of a gateway that stopped .* recorded as interrupted/,
      );

      // The live gateway's call is not touched: it completes, with its own outcome.
      expect(await aliveCall).not.toBeInstanceOf(Error);
      await alive.close();
      records = byType();
      const completed = records('tool.call.completed');
      expect(completed.map((r) => r.requestId).sort()).toEqual(
        intents
          .filter((r) => r !== lostIntent)
          .map((r) => r.requestId)
          .sort(),
      );
      expect(completed.some((r) => r.requestId === aliveIntent.requestId)).toBe(true);
      expect(records('tool.call.interrupted')).toHaveLength(1);
      expect(records('tool.call.failed')).toHaveLength(0);
      await restarted.stop();

      // Chained as any record: the log verifies.
      const v = cli(['audit', 'verify', '--config', gw.configFile]);
      expect(v.stderr + v.stdout).not.toMatch(/FAIL|broken|modified/i);
      expect(v.code).toBe(0);
    },
  );
});
