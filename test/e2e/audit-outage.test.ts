// The audit log under outage and attack, in the real gateway process with real MCP clients: a database deleted
// while serving stops calls and readiness (and a restart refuses to start over it without --audit-new-log);
// a store write-locked by another session (SQLite or PostgreSQL) refuses the calls that need it while the lock is
// held (not queued until it is gone), keeps health and listings answering, and every refused call is in the log
// once the lock is gone.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  auditQuery,
  cli,
  connectAgent,
  eventually,
  lockAuditStore,
  onPostgres,
  type RunningGateway,
  scaledTimeout,
  serve,
  type ServedGateway,
  startGateway,
  stdioUpstream,
} from './harness.js';

const CONFIG = `
upstreams:
${stdioUpstream('t')}
agents:
  bot:
    tools: { allow: ["t_echo"] }
`;

const running: Array<{ stop(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const r of running.splice(0).reverse()) await r.stop();
});

type Rec = { type: string; seq: number; resultStatus?: string; arguments?: { message?: string }; detail?: unknown };
const query = (configFile: string, ...args: string[]) => auditQuery<Rec>(configFile, ...args);

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as Error & { code?: number },
  );

/**
 * Resolves once the gateway says its audit log is ready with nothing left in the outage spool: the spooled events
 * are committed then, so one `audit query` finds them. (Polling `audit query` itself spawned a CLI per attempt and
 * blocked this worker while each ran: under load, a few of those outlasted `eventually` and the test's timeout.)
 */
async function spoolWritten(base: string): Promise<void> {
  await eventually(async () => {
    const r = await fetch(`${base}/readyz`);
    const body = (await r.json()) as { audit?: { spooled: number } };
    return r.status === 200 && body.audit?.spooled === 0;
  }, 30_000);
}

/** `portcullis serve` on an existing config, stopped after the test; rejects with its stderr when it exits. */
async function serveAgain(configFile: string, cwd: string, args: string[] = []): Promise<ServedGateway> {
  const gw = await serve(configFile, { cwd, args });
  running.push(gw);
  return gw;
}

// SQLite only: the PostgreSQL counterpart of a store that cannot be written is the lock test below.
describe.skipIf(onPostgres)('audit database deleted while serving', () => {
  it(
    'refuses the next call, turns /readyz not ready, and a restart needs --audit-new-log (which is recorded)',
    async () => {
      const gw: RunningGateway = await startGateway(CONFIG);
      running.push(gw);
      const c = await connectAgent(gw.url, gw.keys.bot);
      expect((await c.callTool({ name: 't_echo', arguments: { message: 'before' } })).isError).toBeFalsy();
      expect((await fetch(`${gw.base}/readyz`)).status).toBe(200);

      const data = join(gw.dir, '.portcullis');
      for (const f of ['audit.db', 'audit.db-wal', 'audit.db-shm']) rmSync(join(data, f), { force: true });

      const err = await refusal(c.callTool({ name: 't_echo', arguments: { message: 'after delete' } }));
      expect(err?.code).toBe(-32004);
      const ready = await fetch(`${gw.base}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { audit: { state: string } }).audit.state).toBe('halted');
      // Refused for good, not only for one commit: the operator must act.
      expect((await refusal(c.callTool({ name: 't_echo', arguments: { message: 'still' } })))?.code).toBe(-32004);
      await c.close();
      gw.proc.kill('SIGTERM');
      await gw.exited;

      // A restart does not start a fresh log over the deleted one...
      const refused = await serveAgain(gw.configFile, gw.dir).then(
        () => undefined,
        (e: Error) => e.message,
      );
      expect(refused).toMatch(/audit database .* is missing, but the anchor file holds a signed checkpoint/);
      expect(refused).toMatch(/--audit-new-log/);
      // ...and `audit verify` reports the loss from the anchor.
      const v = cli(['audit', 'verify', '--config', gw.configFile]);
      expect(v.code).toBe(1);
      expect(v.stderr + v.stdout).toMatch(/the log was deleted/);

      // The explicit flag starts a new log with a marker, then writes what was refused meanwhile (from the spool).
      const again = await serveAgain(gw.configFile, gw.dir, ['--audit-new-log']);
      await spoolWritten(again.base);
      const recs = query(gw.configFile);
      expect(recs[0]!.type).toBe('audit.log.reinitialized');
      const refusedCalls = recs.filter((r) => r.type === 'tool.call.failed' && r.resultStatus === 'audit_error');
      expect(refusedCalls.map((r) => r.arguments?.message)).toEqual(['after delete', 'still']);
      await again.stop();
      expect(cli(['audit', 'verify', '--config', gw.configFile]).code).toBe(0);
      // Three gateway starts and three CLI runs: their budget scales with the load, as each CLI run's bound does.
    },
    scaledTimeout(60_000),
  );
});

describe('audit store write-locked by another session', () => {
  it(
    'health and listings answer, calls needing the audit are refused while the lock is held, and every refused call is logged afterwards',
    async () => {
      const gw = await startGateway(CONFIG);
      running.push(gw);
      const c = await connectAgent(gw.url, gw.keys.bot);
      await c.callTool({ name: 't_echo', arguments: { message: 'warm' } });

      // Another session holds a write lock on the audit store (SQLite or PostgreSQL) until released below.
      const release = await lockAuditStore(gw);
      let locked = true;
      running.push({ stop: () => (locked ? release() : undefined) });

      // Everything below runs while the lock is held (it is released only after): a call that waited for the lock
      // instead of being refused would never come back, and the test would fail on its timeout. (How fast refusals
      // and health answers are is measured in bench/, not asserted with a clock here.)
      const refusedMessages: string[] = [];
      for (let i = 0; i < 4; i++) {
        const message = `refused-${i}`;
        const err = await refusal(c.callTool({ name: 't_echo', arguments: { message } }));
        expect(err?.code).toBe(-32004);
        refusedMessages.push(message);
        for (let j = 0; j < 3; j++) expect((await fetch(`${gw.base}/healthz`)).status).toBe(200);
        // Listings come from the catalogue, not the audit store: they keep working.
        expect((await c.listTools()).tools.map((t) => t.name)).toContain('t_echo');
      }
      expect((await fetch(`${gw.base}/readyz`)).status).toBe(503);

      locked = false;
      await release();
      await spoolWritten(gw.base);
      const recs = query(gw.configFile, '--tool', 't_echo');
      for (const m of refusedMessages) {
        const forCall = recs.filter((r) => r.arguments?.message === m).map((r) => r.type);
        expect(forCall).toEqual(['tool.call.requested', 'tool.call.failed']);
      }
      expect(query(gw.configFile, '--type', 'audit.gap.recorded').length).toBeGreaterThan(0);
      const ok = await c.callTool({ name: 't_echo', arguments: { message: 'after' } });
      expect(ok.isError).toBeFalsy();
      await c.close();
      expect(cli(['audit', 'verify', '--config', gw.configFile]).code).toBe(0);
      // Gateway starts and CLI runs: their budget scales with the load, as each CLI run's bound does.
    },
    scaledTimeout(60_000),
  );
});
