import { afterEach, describe, expect, it } from 'vitest';
import { contractBackends } from './test-support/contract-backends.js';
import { openStores } from './open-stores.js';
import type { StorageSetting } from './config.js';
import type { Stores } from './repositories.js';
import type { Acknowledgement, HistoryEntry } from '../report/types.js';

/** The report repository's contract, held to the same behaviour on SQLite and PostgreSQL. */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const backends = contractBackends('report-store', (fn) => void cleanups.push(fn));

const entry = (day: number, score: number): HistoryEntry => ({
  at: `2026-05-${String(day).padStart(2, '0')}T00:00:00.000Z`,
  score,
  grade: score >= 90 ? 'A' : 'F',
  areas: { audit: score, authentication: 100 - score },
});
const ack = (id: string, checkId: string, createdAt: string): Acknowledgement => ({
  id,
  checkId,
  reason: `reason of ${id}`,
  by: 'alice',
  createdAt,
  expiresAt: '2026-09-01T00:00:00.000Z',
});

for (const b of backends) {
  const run = b.available ? describe : describe.skip;
  run(`report store contract: ${b.name}`, () => {
    const open = async (setting?: StorageSetting): Promise<Stores> => {
      const s = await openStores(setting ?? (await b.fresh()));
      cleanups.push(() => s.close());
      return s;
    };

    it('keeps scores in order and returns the newest N, oldest first', async () => {
      const s = await open();
      expect(await s.report.scores(10)).toEqual([]);
      for (const [d, v] of [
        [1, 40],
        [2, 55],
        [3, 91],
      ] as const)
        await s.report.addScore(entry(d, v));
      expect(await s.report.scores(10)).toEqual([entry(1, 40), entry(2, 55), entry(3, 91)]);
      expect(await s.report.scores(2)).toEqual([entry(2, 55), entry(3, 91)]);
    });

    it('stores acknowledgements, refuses a duplicate id, and survives a reopen', async () => {
      const setting = await b.fresh();
      const s = await open(setting);
      await s.report.acknowledge(ack('a2', 'audit.sink', '2026-05-02T00:00:00.000Z'));
      await s.report.acknowledge(ack('a1', 'authentication.sso', '2026-05-01T00:00:00.000Z'));
      await expect(s.report.acknowledge(ack('a1', 'audit.sink', '2026-05-03T00:00:00.000Z'))).rejects.toThrow();
      const again = await open(setting);
      expect(await again.report.acknowledgements()).toEqual([
        ack('a1', 'authentication.sso', '2026-05-01T00:00:00.000Z'),
        ack('a2', 'audit.sink', '2026-05-02T00:00:00.000Z'),
      ]);
    });

    it('writes inside a transaction commit or roll back with it', async () => {
      const s = await open();
      await expect(
        s.transaction(async (tx) => {
          await s.report.addScore(entry(1, 10), tx);
          await s.report.acknowledge(ack('a1', 'audit.sink', '2026-05-01T00:00:00.000Z'), tx);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await s.report.scores(5)).toEqual([]);
      expect(await s.report.acknowledgements()).toEqual([]);
      await s.transaction(async (tx) => {
        await s.report.addScore(entry(2, 20), tx);
        expect(await s.report.scores(5, tx)).toEqual([entry(2, 20)]);
      });
      expect(await s.report.scores(5)).toEqual([entry(2, 20)]);
    });
  });
}
