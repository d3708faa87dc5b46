import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEventInput } from '../audit/types.js';
import { contractBackends } from '../storage/test-support/contract-backends.js';
import { openStores } from '../storage/open-stores.js';
import type { StorageSetting } from '../storage/config.js';
import type { Stores } from '../storage/repositories.js';
import { recordScoreIfDue, startScoreRecorder, type ScoreRecorderDeps } from './recorder.js';
import type { HistoryEntry, Report } from './types.js';

/**
 * The score recorder on real stores (SQLite and PostgreSQL): it records when a score is due, once per interval, and
 * gateways sharing one store (two connections or pools here, as two replicas have) record once between them.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const backends = contractBackends('report-recorder', (fn) => void cleanups.push(fn));
const T0 = Date.parse('2026-11-28T04:00:00.000Z');

/** A generated report as far as the recorder reads it: its time and score (the report itself is built elsewhere). */
const reportAt = (ms: number, value = 77): Report =>
  ({
    generatedAt: new Date(ms).toISOString(),
    score: { value, grade: 'C', areas: { audit: { score: value } } },
  }) as unknown as Report;

for (const b of backends) {
  const run = b.available ? describe : describe.skip;
  run(`score recorder: ${b.name}`, () => {
    const open = async (setting: StorageSetting): Promise<Stores> => {
      const s = await openStores(setting);
      cleanups.push(() => s.close());
      return s;
    };
    /** The audit records the recorders wrote (every gateway's, in the order written). */
    let audited: AuditEventInput[] = [];
    afterEach(() => void (audited = []));
    const deps = (s: Stores, clock: { now: number }, extra: Partial<ScoreRecorderDeps> = {}): ScoreRecorderDeps => ({
      everyMinutes: () => 60,
      generate: async () => reportAt(clock.now),
      repo: s.report,
      audit: async (e) => void audited.push(e),
      warn: (m) => {
        throw new Error(`unexpected warning: ${m}`);
      },
      now: () => clock.now,
      ...extra,
    });

    it('records the first score, none again within the interval, the next once it has passed; 0 is off', async () => {
      const s = await open(await b.fresh());
      const clock = { now: T0 };
      expect(await recordScoreIfDue(deps(s, clock))).toBe(true);
      clock.now += 59 * 60_000;
      expect(await recordScoreIfDue(deps(s, clock))).toBe(false);
      clock.now += 60_000;
      expect(await recordScoreIfDue(deps(s, clock))).toBe(true);
      clock.now += 120 * 60_000;
      expect(await recordScoreIfDue(deps(s, clock, { everyMinutes: () => 0 }))).toBe(false);
      expect((await s.report.scores(10)).map((e) => [e.at, e.score])).toEqual([
        ['2026-11-28T04:00:00.000Z', 77],
        ['2026-11-28T05:00:00.000Z', 77],
      ]);
      // One audit record per stored score (not per look), saying what was stored.
      expect(audited).toEqual([
        {
          type: 'report.score.recorded',
          detail: { at: '2026-11-28T04:00:00.000Z', score: 77, grade: 'C', via: 'recorder', everyMinutes: 60 },
        },
        {
          type: 'report.score.recorded',
          detail: { at: '2026-11-28T05:00:00.000Z', score: 77, grade: 'C', via: 'recorder', everyMinutes: 60 },
        },
      ]);
    });

    it('gateways sharing the store record once between them, even when all look before any writes', async () => {
      const setting = await b.fresh();
      const gateways = [await open(setting), await open(setting), await open(setting)];
      const clock = { now: T0 };
      // Every gateway has read "no score yet" and is generating before any of them stores: the race the store's
      // guard has to close (the look-then-write of the recorder alone would store three).
      let looked = 0;
      let release!: () => void;
      const allLooked = new Promise<void>((r) => (release = r));
      const results = await Promise.all(
        gateways.map((s) =>
          recordScoreIfDue(
            deps(s, clock, {
              generate: async () => {
                if (++looked === gateways.length) release();
                await allLooked;
                return reportAt(clock.now);
              },
            }),
          ),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await gateways[0]!.report.scores(10)).toHaveLength(1);
      // No audit, no change: each wrote its record before storing; the two the store refused say they stored nothing.
      const notStored = (e: AuditEventInput) => e.resultStatus === 'not_stored';
      expect(audited.filter((e) => !notStored(e))).toHaveLength(3);
      expect(audited.filter(notStored)).toHaveLength(2);
      expect(audited.find(notStored)?.reasons?.join(' ')).toMatch(/another gateway stored a score within the interval/);
      audited = [];
      // The next interval: again one between them.
      clock.now += 60 * 60_000;
      looked = 0;
      const again = await Promise.all(gateways.map((s) => recordScoreIfDue(deps(s, clock))));
      expect(again.filter(Boolean)).toHaveLength(1);
      expect(await gateways[2]!.report.scores(10)).toHaveLength(2);
      // Whoever wrote a record and then lost the race says so: one record more than refusals (the one stored).
      expect(audited.filter((e) => !notStored(e))).toHaveLength(audited.filter(notStored).length + 1);
    });

    it('no audit, no change: a score whose audit record cannot be written is not stored, and is said as such', async () => {
      const s = await open(await b.fresh());
      const clock = { now: T0 };
      const failing = deps(s, clock, {
        audit: async () => {
          throw new Error('audit log halted');
        },
      });
      await expect(recordScoreIfDue(failing)).rejects.toThrow(
        'the score of 2026-11-28T04:00:00.000Z was not stored: its audit record could not be written (audit log halted)',
      );
      expect(await s.report.scores(10)).toHaveLength(0);
    });

    it('a store that fails after the record was written is recorded as failed', async () => {
      const s = await open(await b.fresh());
      const clock = { now: T0 };
      const repo = Object.create(s.report) as typeof s.report;
      // The real store, failing at the write (as a database gone read-only or away would).
      repo.addScoreUnlessSince = async () => {
        throw new Error('database is locked');
      };
      await expect(recordScoreIfDue(deps(s, clock, { repo }))).rejects.toThrow('database is locked');
      expect(await s.report.scores(10)).toHaveLength(0);
      const detail = { at: '2026-11-28T04:00:00.000Z', score: 77, grade: 'C', via: 'recorder', everyMinutes: 60 };
      expect(audited).toEqual([
        { type: 'report.score.recorded', detail },
        {
          type: 'report.score.recorded',
          detail,
          resultStatus: 'failed',
          error: 'database is locked',
          reasons: ['the score recorded before was not stored'],
        },
      ]);
    });

    it('the store refuses a score when one was stored since, inside a transaction too', async () => {
      const s = await open(await b.fresh());
      const entry: HistoryEntry = { at: '2026-11-28T04:00:00.000Z', score: 50, grade: 'F', areas: {} };
      expect(await s.report.addScoreUnlessSince(entry, '2026-11-28T03:00:00.000Z')).toBe(true);
      expect(await s.report.addScoreUnlessSince({ ...entry, score: 51 }, '2026-11-28T03:59:59.999Z')).toBe(false);
      await s.transaction(async (tx) => {
        expect(await s.report.addScoreUnlessSince({ ...entry, score: 52 }, '2026-11-28T03:30:00.000Z', tx)).toBe(false);
        expect(
          await s.report.addScoreUnlessSince(
            { ...entry, at: '2026-11-28T05:00:00.000Z', score: 53 },
            '2026-11-28T04:00:00.000Z',
            tx,
          ),
        ).toBe(true);
      });
      expect((await s.report.scores(10)).map((e) => e.score)).toEqual([50, 53]);
    });

    it('the timer records on its own and says when a check failed, then goes on', async () => {
      const s = await open(await b.fresh());
      const warnings: string[] = [];
      let failNext = true;
      const recorder = startScoreRecorder(
        {
          everyMinutes: () => 60,
          generate: async () => {
            if (failNext) {
              failNext = false;
              throw new Error('audit log unavailable');
            }
            return reportAt(Date.now());
          },
          repo: s.report,
          audit: async (e) => void audited.push(e),
          warn: (m) => warnings.push(m),
        },
        20,
      );
      cleanups.push(() => recorder.stop());
      const end = Date.now() + 10_000;
      while ((await s.report.scores(5)).length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      expect(warnings[0]).toMatch(/recording the score failed \(audit log unavailable\)/);
      expect(await s.report.scores(5)).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 100));
      expect(await s.report.scores(5)).toHaveLength(1);
      expect(audited.map((e) => e.type)).toEqual(['report.score.recorded']);
    });
  });
}
