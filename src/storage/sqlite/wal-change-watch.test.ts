import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openWalChangeWatch } from './wal-change-watch.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function walDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-walwatch-'));
  dirs.push(dir);
  const file = join(dir, 'x.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (a)');
  return { file, db };
}

describe('openWalChangeWatch (ADR 0017, Decision 18)', () => {
  it('sees every commit by another connection, and by its own, and nothing else', () => {
    const { file, db } = walDatabase();
    const other = new Database(file);
    const watch = openWalChangeWatch(file)!;
    try {
      expect(watch.changed()).toBe(true); // nothing known yet
      expect(watch.changed()).toBe(false);
      db.prepare('SELECT * FROM t').all(); // reads commit nothing
      expect(watch.changed()).toBe(false);
      for (let i = 0; i < 5; i++) {
        other.prepare('INSERT INTO t VALUES (?)').run(i);
        expect(watch.changed()).toBe(true);
        expect(watch.changed()).toBe(false);
      }
      db.exec('INSERT INTO t VALUES (9)');
      expect(watch.changed()).toBe(true);
      // A checkpoint that restarts the WAL, then a commit into the restarted WAL.
      other.pragma('wal_checkpoint(RESTART)');
      watch.changed();
      other.exec('UPDATE t SET a = a + 1');
      expect(watch.changed()).toBe(true);
      expect(watch.changed()).toBe(false);
      // A rolled-back transaction commits nothing.
      other.exec('BEGIN IMMEDIATE');
      other.exec('INSERT INTO t VALUES (10)');
      other.exec('ROLLBACK');
      expect(watch.changed()).toBe(false);
    } finally {
      watch.close();
      other.close();
      db.close();
    }
  });

  it('answers "changed" whenever the header cannot be trusted, and undefined without a -shm file', () => {
    const { file, db } = walDatabase();
    db.close(); // the last connection: SQLite removes the WAL and its index
    expect(openWalChangeWatch(join(file, '..', 'absent.db'))).toBeUndefined();
    // A header whose two copies differ (a commit being written), a header not initialised, a short file.
    const shm = `${file}-shm`;
    const header = Buffer.alloc(96, 7);
    header[60] = 1; // the second copy differs
    writeFileSync(shm, header);
    const watch = openWalChangeWatch(file)!;
    try {
      expect(watch.changed()).toBe(true);
      expect(watch.changed()).toBe(true);
      writeFileSync(shm, Buffer.alloc(96, 0)); // isInit = 0
      expect(watch.changed()).toBe(true);
      expect(watch.changed()).toBe(true);
      writeFileSync(shm, Buffer.alloc(40, 7));
      expect(watch.changed()).toBe(true);
      writeFileSync(shm, Buffer.alloc(96, 7)); // a valid header again: known from the second look
      expect(watch.changed()).toBe(true);
      expect(watch.changed()).toBe(false);
    } finally {
      watch.close();
    }
  });
});
