#!/usr/bin/env node
// Verification speed: hash chain + checkpoint signatures over a real audit.db (records/s).
// Requires `npm run build`. Env: BENCH_RECORDS (default 200000).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditLog, verifyAuditChain } from '../dist/audit/index.js';
import { createSqliteAuditStore } from '../dist/storage/sqlite/audit-store.js';
import { loadVerificationKey } from '../dist/audit/signing.js';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-verify-'));
try {
  const log = await createAuditLog({ dataDir: dir, checkpointEvery: { records: 1000, ms: 3_600_000 } });
  const fillStart = performance.now();
  for (let i = 0; i < RECORDS; i += 1000) {
    await Promise.all(
      Array.from({ length: Math.min(1000, RECORDS - i) }, (_, j) =>
        log.append({
          type: 'tool.call.completed',
          requestId: `req-${i + j}`,
          agent: `agent-${j % 8}`,
          tool: 'crm.lookup_customer',
          backend: 'crm',
          decision: 'allow',
          reasons: ['rule support-read matched'],
          arguments: { customerId: `cus_${i + j}`, fields: ['name', 'plan', 'status'] },
          resultStatus: 'ok',
          latencyMs: 12.5,
        }),
      ),
    );
  }
  const fillSeconds = (performance.now() - fillStart) / 1000;
  await log.close();

  const store = createSqliteAuditStore({ file: join(dir, 'audit.db'), readonly: true });
  const publicKey = await loadVerificationKey(join(dir, 'audit-signing-key.pem'));
  const runs = [];
  let result;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    result = await verifyAuditChain(store, { publicKey, keySource: 'key-file' });
    runs.push((performance.now() - t) / 1000);
    if (!result.ok) throw new Error('verification failed on an untouched log');
  }
  await store.close();
  const best = Math.min(...runs);
  console.log('## Audit log: verification speed\n');
  console.log('| records | checkpoints | verify time (best of 3) | records/s |');
  console.log('|---:|---:|---:|---:|');
  console.log(
    `| ${result.records.toLocaleString('en-US')} | ${result.checkpoints} | ${(best * 1000).toFixed(0)} ms | ${Math.round(result.records / best).toLocaleString('en-US')} |`,
  );
  console.log(
    `\nTarget: >= 200,000 records/s. (Filling the log with ${RECORDS.toLocaleString('en-US')} events took ${fillSeconds.toFixed(1)} s.)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
