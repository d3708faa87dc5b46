#!/usr/bin/env node
// PostgreSQL's side of bench/lib/audit-insert.mjs: the audit chain's insert alone, CPU time of the server process
// serving the connection (from /proc; ticks of 10 ms, so read medians) and wall time per record (one client,
// batches of PER records through the store's own `unnest` insert, one transaction each), for variants of the
// audit_records schema in one database each of one throwaway server (initdb into /dev/shm, 127.0.0.1 on a free port,
// stopped and removed at the end), rounds interleaved. Variants: v1 (the audit migration version 1: eleven STORED
// columns, each computed by a PL/pgSQL function with an exception handler), v2 (versions 1 and 2 of the build's
// migrations: the columns filled by a trigger), trigger (plain columns filled by one BEFORE
// INSERT OR UPDATE trigger: one jsonb parse and one exception block per record), sqlfn_noexc (v1 with an SQL function
// and no exception handler — a tampered non-JSON body would then fail to store) and floor (no derived columns, no
// index). ADR 0017, Decision 17. Needs PostgreSQL 15's programs (the server: bench/lib/postgres-server.mjs). Not part of
// `npm run bench`.
// Usage: node bench/lib/audit-insert-pg.mjs [dist=dist]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { newRequestId } from '../../dist/core/ids.js';
import { PG_BIN, startPostgres } from './postgres-server.mjs';
const require = createRequire(import.meta.url);
const pg = require('pg');
const { resolve } = await import('node:path');
const { auditMigrations } = await import(resolve(process.argv[2] ?? 'dist', 'storage/migrations/audit.js'));
/** User + system CPU seconds of a process (the PostgreSQL backend of one connection). */
const backendCpu = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
// In memory (/dev/shm): the figures are CPU, not fsync.
const server = await startPostgres({ parent: '/dev/shm' });
if (!server) throw new Error(`PostgreSQL 15 is not installed (${PG_BIN})`);
const { port } = server;
try {
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  const v1sql = auditMigrations.migrations[0].postgres;
  const cols = [
    'ts:event,timestamp',
    'type:event,type',
    'request_id:event,requestId',
    'agent:event,agent',
    'user_name:event,user',
    'tool:event,tool',
    'backend:event,backend',
    'decision:event,decision',
    'risk:event,risk,level',
    'approval_id:event,approvalId',
    'status:event,resultStatus',
  ];
  const trig = `CREATE TABLE audit_records (seq BIGINT PRIMARY KEY, hash TEXT NOT NULL, body TEXT NOT NULL, ${cols.map((c) => c.split(':')[0] + ' TEXT').join(', ')});
    CREATE FUNCTION fill() RETURNS trigger LANGUAGE plpgsql AS $$ DECLARE j jsonb; BEGIN
      BEGIN j := NEW.body::jsonb; EXCEPTION WHEN others THEN j := NULL; END;
      ${cols
        .map((c) => {
          const [n, p] = c.split(':');
          return `NEW.${n} := j #>> '{${p}}';`;
        })
        .join(' ')}
      RETURN NEW; END $$;
    CREATE TRIGGER fill BEFORE INSERT OR UPDATE ON audit_records FOR EACH ROW EXECUTE FUNCTION fill();
    CREATE INDEX a1 ON audit_records(ts); CREATE INDEX a2 ON audit_records(agent); CREATE INDEX a3 ON audit_records(tool); CREATE INDEX a4 ON audit_records(request_id); CREATE INDEX a5 ON audit_records(approval_id);`;
  const sqlfn = v1sql.replace(
    /CREATE FUNCTION[\s\S]*?END \$\$;/,
    () =>
      `CREATE FUNCTION portcullis_audit_field(body TEXT, path TEXT[]) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT body::jsonb #>> path $$;`,
  );
  const floor = `CREATE TABLE audit_records (seq BIGINT PRIMARY KEY, hash TEXT NOT NULL, body TEXT NOT NULL);`;
  const v2 = auditMigrations.migrations.find((m) => m.version === 2)?.postgres;
  const variants = { v1: v1sql, ...(v2 ? { v2: v1sql + v2 } : {}), trigger: trig, sqlfn_noexc: sqlfn, floor };
  const clients = {};
  for (const [n, sql] of Object.entries(variants)) {
    await admin.query(`CREATE DATABASE ${n}`);
    const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: n });
    await c.connect();
    await c.query(sql);
    // The server process serving this connection: its CPU time (user + system, from /proc) is the figure to read.
    const pid = (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    clients[n] = { c, seq: 0, pid };
  }
  const PER = 16,
    BATCHES = 150,
    ROUNDS = 8;
  const mk = (seq, outcome, id) => {
    const e = outcome
      ? {
          agent: 'bench',
          backend: 'up',
          decision: 'allow',
          latencyMs: 1.2,
          requestId: id,
          resultStatus: 'ok',
          risk: { categories: ['read'], level: 'low' },
          timestamp: new Date().toISOString(),
          tool: 'up_echo',
          type: 'tool.call.completed',
        }
      : {
          agent: 'bench',
          arguments: { message: 'benchmark payload' },
          backend: 'up',
          decision: 'allow',
          detail: { method: 'tools/call', startedAt: new Date().toISOString(), target: 'up' },
          reasons: ['agent bench may call up_*'],
          requestId: id,
          risk: { categories: ['read'], level: 'low' },
          rule: 'r1',
          sourceAddress: '127.0.0.1',
          timestamp: new Date().toISOString(),
          tool: 'up_echo',
          type: 'tool.call.requested',
        };
    const body = JSON.stringify({ chain: { prev: '0'.repeat(64), seq }, event: e });
    return { seq, hash: createHash('sha256').update(body).digest('hex'), body };
  };
  const res = {};
  for (let r = 0; r < ROUNDS; r++)
    for (const n of r % 2 ? Object.keys(variants).reverse() : Object.keys(variants)) {
      const v = clients[n];
      const t0 = performance.now();
      const cpu0 = backendCpu(v.pid);
      for (let b = 0; b < BATCHES; b++) {
        const rs = [];
        for (let i = 0; i < PER / 2; i++) {
          const id = newRequestId();
          rs.push(mk(++v.seq, false, id), mk(++v.seq, true, id));
        }
        await v.c.query('BEGIN');
        await v.c.query(
          'INSERT INTO audit_records (seq, hash, body) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])',
          [rs.map((x) => x.seq), rs.map((x) => x.hash), rs.map((x) => x.body)],
        );
        await v.c.query('COMMIT');
      }
      const records = BATCHES * PER;
      (res[n] ??= []).push({
        wall: ((performance.now() - t0) * 1000) / records,
        cpu: ((backendCpu(v.pid) - cpu0) * 1e6) / records,
      });
    }
  const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  for (const n in res)
    console.log(
      n.padEnd(12),
      `server CPU µs/record ${med(res[n].map((x) => x.cpu)).toFixed(1)}`,
      `[${res[n].map((x) => x.cpu.toFixed(0)).join(' ')}]`,
      `wall ${med(res[n].map((x) => x.wall)).toFixed(0)}`,
    );
  // The trigger variant fills its columns.
  const t = clients.trigger.c;
  console.log((await t.query('SELECT agent, tool, request_id IS NOT NULL AS r FROM audit_records LIMIT 1')).rows[0]);
  for (const v of Object.values(clients)) await v.c.end();
  await admin.end();
} finally {
  server.stop();
}
