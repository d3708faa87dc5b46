import { closeSync, openSync, readSync } from 'node:fs';

/** Bytes of one copy of the WAL-index header (SQLite's WAL file format, "the WAL-index header"). */
const HEADER = 48;
/** The `isInit` byte of a header copy: non-zero once the header has been written. */
const IS_INIT = 12;

export interface WalChangeWatch {
  /**
   * True when the database may have changed since the previous call (a commit by any connection, this one included),
   * false when it certainly did not. The first call answers true.
   */
  changed(): boolean;
  close(): void;
}

/**
 * Commits to a WAL-mode SQLite database seen by reading the WAL-index header in `<db>-shm` (ADR 0017, Decision 18).
 * Every commit, by any connection or process, increments the header's change counter (`iChange`) and rewrites both
 * copies of the header — the second copy first, then the first — before the committer releases its write lock; so
 * once another process's commit has returned, the next read of the file sees a different header. One `pread` of
 * 96 bytes, with no lock and no read transaction: `PRAGMA data_version` (which answers the same question for other
 * connections' commits) takes and drops a shared-memory read lock with two `fcntl` calls and runs a statement.
 * Reading the file shares the page cache the connections map (`mmap` and `read` are coherent on Linux and macOS).
 * Anything uncertain answers true: the two copies differ (a commit is being written), the header is not initialised,
 * the file is short or cannot be read. `undefined` when the file cannot be opened (the caller uses another check).
 */
export function openWalChangeWatch(dbFile: string): WalChangeWatch | undefined {
  let fd: number;
  try {
    fd = openSync(`${dbFile}-shm`, 'r');
  } catch {
    return undefined;
  }
  const buf = Buffer.alloc(2 * HEADER);
  const last = Buffer.alloc(HEADER);
  let known = false;
  return {
    changed() {
      let n: number;
      try {
        n = readSync(fd, buf, 0, 2 * HEADER, 0);
      } catch {
        n = 0;
      }
      const valid = n === 2 * HEADER && buf[IS_INIT] !== 0 && buf.compare(buf, HEADER, 2 * HEADER, 0, HEADER) === 0;
      if (!valid) {
        known = false;
        return true;
      }
      if (known && buf.compare(last, 0, HEADER, 0, HEADER) === 0) return false;
      buf.copy(last, 0, 0, HEADER);
      known = true;
      return true;
    },
    close() {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    },
  };
}
