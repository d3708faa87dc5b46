import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStores } from '../storage/open-stores.js';
import { acknowledge, shouldRecord } from './service.js';
import type { HistoryEntry } from './types.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const e = (at: string, score = 50, areas: HistoryEntry['areas'] = { audit: 50 }): HistoryEntry => ({
  at,
  score,
  grade: 'F',
  areas,
});

describe('score history', () => {
  it('stores the first score, a changed one, and otherwise at most one an hour', () => {
    expect(shouldRecord(undefined, e('2026-06-01T10:00:00Z'))).toBe(true);
    expect(shouldRecord(e('2026-06-01T10:00:00Z'), e('2026-06-01T10:30:00Z'))).toBe(false);
    expect(shouldRecord(e('2026-06-01T10:00:00Z'), e('2026-06-01T11:00:00Z'))).toBe(true);
    expect(shouldRecord(e('2026-06-01T10:00:00Z'), e('2026-06-01T10:01:00Z', 51))).toBe(true);
    expect(shouldRecord(e('2026-06-01T10:00:00Z'), e('2026-06-01T10:01:00Z', 50, { audit: 40 }))).toBe(true);
  });
});

describe('acknowledge', () => {
  it('validates the check id, the reason and the expiry, then stores it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-ack-'));
    dirs.push(dir);
    const stores = await openStores({ kind: 'sqlite', dataDir: dir, migrateOnStart: true });
    try {
      const now = new Date('2026-06-01T00:00:00Z');
      const ok = { checkId: 'audit.sink', reason: 'SIEM arrives in Q3', expiresAt: '2026-09-01' };
      await expect(acknowledge(stores.report, { ...ok, checkId: 'audit.nope' }, 'alice', now)).rejects.toThrow(
        /^checkId:/,
      );
      await expect(acknowledge(stores.report, { ...ok, reason: ' x ' }, 'alice', now)).rejects.toThrow(/^reason:/);
      await expect(acknowledge(stores.report, { ...ok, expiresAt: 'soon' }, 'alice', now)).rejects.toThrow(/ISO 8601/);
      await expect(acknowledge(stores.report, { ...ok, expiresAt: '2026-05-01' }, 'alice', now)).rejects.toThrow(
        /future/,
      );
      await expect(acknowledge(stores.report, { ...ok, expiresAt: '2027-07-01' }, 'alice', now)).rejects.toThrow(
        /366 days/,
      );
      expect(await stores.report.acknowledgements()).toEqual([]);
      const a = await acknowledge(stores.report, ok, 'alice', now);
      expect(a).toMatchObject({
        checkId: 'audit.sink',
        reason: 'SIEM arrives in Q3',
        by: 'alice',
        createdAt: now.toISOString(),
        expiresAt: '2026-09-01T00:00:00.000Z',
      });
      expect(await stores.report.acknowledgements()).toEqual([a]);
    } finally {
      await stores.close();
    }
  });
});
