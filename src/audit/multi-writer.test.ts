import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuditLog } from './index.js';

const dirs: string[] = [];
afterEach(() => {
  // The anchor file sits next to the data directory, outside it.
  for (const d of dirs.splice(0))
    for (const p of [d, `${d}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
});

describe('two writers on one audit database (e.g. `serve` and `stdio` sharing a data directory)', () => {
  it('never fork the chain: every append lands once, in one verifiable chain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-audit-mw-'));
    dirs.push(dir);
    const a = await createAuditLog({ dataDir: dir });
    const b = await createAuditLog({ dataDir: dir });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        (i % 2 ? a : b).append({ type: 'tools.listed', agent: `agent-${i}`, requestId: `r-${i}` }),
      ),
    );
    const seqs = results.map((r) => r.seq).sort((x, y) => x - y);
    expect(new Set(seqs).size).toBe(200);
    await a.close();
    await b.close();
    const check = await createAuditLog({ dataDir: dir });
    const v = await check.verify();
    expect(v.issues).toEqual([]);
    expect(v.ok).toBe(true);
    const page = await check.query({ type: 'tools.listed', limit: 1000 });
    expect(page.records.length).toBe(200);
    await check.close();
  });
});
