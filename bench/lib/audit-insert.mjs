#!/usr/bin/env node
// The audit writer's SQLite work per record, alone, for variants of the audit_records schema side by side in one
// process (each round runs every variant, the order alternating): CPU time (user + system) and wall time per record of
// transactions of PER records (intent + outcome pairs with realistic bodies), on a table pre-filled with PRE records.
// Variants: v1 (the schema as shipped: five indexes on generated columns), v1b (the same, for a pragma given as
// CACHE_v1b=<cache_size>), v1_noreq (no request_id index), v1_partial_appr (approval_id index partial), v1_noidx (no
// index: the floor), plain5 (the queried fields as plain columns written with the row, same indexes),
// plain_noreq_partial, idx5_only (only the five indexed generated columns: SQLite computes every generated column of
// a row on INSERT, VIRTUAL ones included, so v1 runs eleven json_extract per record; ADR 0017, Decision 43).
// REQ=v7: time-ordered request ids (UUIDv7) instead of random v4 ones. ADR 0017, Decision 15. OUTCOME=slim: the
// outcome as the gateway writes it after a recorded intent (identity and result only, Decision 16).
// Not part of `npm run bench`.
// Usage: [ONLY=v1,v1_noreq] [PRE=200000] [REQ=v7] [OUTCOME=slim] [SYNC=FULL|NORMAL|OFF] [ROUNDS=6] [BATCHES=300]
//        [PER=16] [DIR=/tmp]
//        node bench/lib/audit-insert.mjs
import { createRequire } from 'node:module';
import { createHash, randomUUID } from 'node:crypto';
const Database = createRequire(import.meta.url)('better-sqlite3');
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { auditMigrations } from '../../dist/storage/migrations/audit.js';
import { newRequestId } from '../../dist/core/ids.js';
// v1: the audit_records table exactly as the shipped migration creates it (version 1; version 2 changes nothing on
// SQLite), without its indexes, which the variants below choose.
const V1 = auditMigrations.migrations[0].sqlite.match(/CREATE TABLE IF NOT EXISTS audit_records \([^;]*?\n\s*\);/)[0];
// v1 without the six generated columns no index uses (type, user, backend, decision, risk, status).
const IDX5_ONLY = V1.split('\n')
  .filter((l) => !/^\s*(type|user|backend|decision|risk|status) TEXT GENERATED/.test(l))
  .join('\n')
  .replace(/,(\s*\);)$/, '$1');
const IDX5 = `CREATE INDEX i_ts ON audit_records(ts); CREATE INDEX i_agent ON audit_records(agent);
  CREATE INDEX i_tool ON audit_records(tool); CREATE INDEX i_req ON audit_records(request_id);
  CREATE INDEX i_appr ON audit_records(approval_id);`;
const PLAIN = `CREATE TABLE audit_records (seq INTEGER PRIMARY KEY, hash TEXT NOT NULL, body TEXT NOT NULL,
  ts TEXT, type TEXT, request_id TEXT, agent TEXT, user TEXT, tool TEXT, backend TEXT, decision TEXT, risk TEXT, approval_id TEXT, status TEXT);`;
const schemas = {
  v1b: { sql: V1 + IDX5, cols: false },
  v1: { sql: V1 + IDX5, cols: false },
  v1_noreq: { sql: V1 + IDX5.replace('CREATE INDEX i_req ON audit_records(request_id);', ''), cols: false },
  v1_partial_appr: {
    sql:
      V1 +
      IDX5.replace(
        'CREATE INDEX i_appr ON audit_records(approval_id);',
        'CREATE INDEX i_appr ON audit_records(approval_id) WHERE approval_id IS NOT NULL;',
      ),
    cols: false,
  },
  v1_noidx: { sql: V1, cols: false },
  idx5_only: { sql: IDX5_ONLY + IDX5, cols: false },
  plain5: { sql: PLAIN + IDX5, cols: true },
  plain_noreq_partial: {
    sql:
      PLAIN +
      IDX5.replace('CREATE INDEX i_req ON audit_records(request_id);', '').replace(
        'CREATE INDEX i_appr ON audit_records(approval_id);',
        'CREATE INDEX i_appr ON audit_records(approval_id) WHERE approval_id IS NOT NULL;',
      ),
    cols: true,
  },
};
const only = process.env.ONLY ? process.env.ONLY.split(',') : Object.keys(schemas);
const PRE = Number(process.env.PRE ?? 0),
  ROUNDS = Number(process.env.ROUNDS ?? 6),
  BATCHES = Number(process.env.BATCHES ?? 300),
  PER = Number(process.env.PER ?? 16);
const SYNC = process.env.SYNC ?? 'FULL';
const dir = mkdtempSync(join(process.env.DIR ?? '/tmp', 'aw-schema-'));
function mkEvent(i, outcome, reqId) {
  if (outcome && process.env.OUTCOME === 'slim')
    return {
      agent: 'bench',
      backend: 'up',
      decision: 'allow',
      latencyMs: 1.2,
      requestId: reqId,
      resultStatus: 'ok',
      risk: { categories: ['read'], level: 'low', sideEffect: 'none' },
      timestamp: new Date().toISOString(),
      tool: 'up_echo',
      type: 'tool.call.completed',
    };
  const e = {
    agent: 'bench',
    arguments: { message: 'benchmark payload' },
    backend: 'up',
    decision: 'allow',
    detail: { method: 'tools/call', startedAt: new Date().toISOString(), target: 'up' },
    reasons: ['agent bench may call up_*'],
    requestId: reqId,
    risk: { categories: ['read'], level: 'low', sideEffect: 'none' },
    rule: 'r1',
    sourceAddress: '127.0.0.1',
    timestamp: new Date().toISOString(),
    tool: 'up_echo',
    type: outcome ? 'tool.call.completed' : 'tool.call.requested',
  };
  if (outcome) {
    e.latencyMs = 1.2;
    e.resultStatus = 'ok';
  }
  return e;
}
const dbs = {};
for (const name of only) {
  const db = new Database(join(dir, name + '.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = ' + SYNC);
  db.exec(schemas[name].sql);
  if (process.env['CACHE_' + name]) db.pragma('cache_size = ' + process.env['CACHE_' + name]);
  const ins = schemas[name].cols
    ? db.prepare(
        'INSERT INTO audit_records (seq,hash,body,ts,type,request_id,agent,user,tool,backend,decision,risk,approval_id,status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
      )
    : db.prepare('INSERT INTO audit_records (seq,hash,body) VALUES (?,?,?)');
  const tx = db.transaction((recs) => {
    for (const r of recs)
      schemas[name].cols
        ? ins.run(
            r.seq,
            r.hash,
            r.body,
            r.e.timestamp,
            r.e.type,
            r.e.requestId,
            r.e.agent ?? null,
            r.e.user ?? null,
            r.e.tool ?? null,
            r.e.backend ?? null,
            r.e.decision ?? null,
            r.e.risk?.level ?? null,
            r.e.approvalId ?? null,
            r.e.resultStatus ?? null,
          )
        : ins.run(r.seq, r.hash, r.body);
  });
  dbs[name] = { db, tx, seq: 0 };
}
function batch(d, n) {
  const recs = [];
  for (let i = 0; i < n; i += 2) {
    const id = process.env.REQ === 'v7' ? newRequestId() : randomUUID();
    for (const outcome of [false, true]) {
      const e = mkEvent(d.seq, outcome, id);
      const body = JSON.stringify({ chain: { prev: '0'.repeat(64), seq: ++d.seq }, event: e });
      recs.push({ seq: d.seq, hash: createHash('sha256').update(body).digest('hex'), body, e });
    }
  }
  return recs;
}
for (const name of only) {
  const d = dbs[name];
  for (let i = 0; i < PRE / 1000; i++) {
    d.db.pragma('synchronous = OFF');
    d.tx(batch(d, 1000));
  }
  d.db.pragma('synchronous = ' + SYNC);
}
const res = Object.fromEntries(only.map((n) => [n, []]));
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 ? [...only].reverse() : only;
  for (const name of order) {
    const d = dbs[name];
    const batches = Array.from({ length: BATCHES }, () => batch(d, PER));
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (const b of batches) d.tx(b);
    const c = process.cpuUsage(c0);
    const wall = Number(process.hrtime.bigint() - t0) / 1e3;
    res[name].push({
      cpu: (c.user + c.system) / (BATCHES * PER),
      user: c.user / (BATCHES * PER),
      wall: wall / (BATCHES * PER),
    });
  }
}
const med = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
};
for (const name of only)
  console.log(
    name.padEnd(22),
    'cpu µs/rec',
    med(res[name].map((x) => x.cpu)).toFixed(1),
    'user',
    med(res[name].map((x) => x.user)).toFixed(1),
    'wall',
    med(res[name].map((x) => x.wall)).toFixed(1),
  );
for (const d of Object.values(dbs)) d.db.close();
rmSync(dir, { recursive: true, force: true });
