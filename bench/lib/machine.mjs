// What a latency figure depends on besides the code: cores, load, and the CPU idle states. A vCPU that halts as soon
// as it is idle (Linux `haltpoll` with guest_halt_poll_ns=0) pays an exit to the host on every wake-up, which
// roughly doubles one session's latency on the development machine (ADR 0017, Decision 21). Bench output quotes this
// line so that figures from differently set machines are not compared as if they were the gateway's.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const read = (path) => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
};

/** One line: cores, load averages, cpuidle driver and (with haltpoll) how long an idle vCPU polls before halting. */
export function describeMachine() {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const driver = read('/sys/devices/system/cpu/cpuidle/current_driver');
  const pollNs = read('/sys/module/haltpoll/parameters/guest_halt_poll_ns');
  const idle =
    driver === undefined
      ? 'cpuidle: unknown'
      : `cpuidle: ${driver}${pollNs === undefined ? '' : `, guest_halt_poll_ns ${pollNs}${pollNs === '0' ? ' (an idle vCPU halts at once)' : ''}`}`;
  return `${availableParallelism()} cores, load average ${load}, ${idle}`;
}

/** One durable commit on this machine's temp filesystem: SQLite WAL, synchronous=FULL, one row (median of `n`). */
export function durableCommitMs(n = 200) {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-commit-'));
  const db = new Database(join(dir, 'c.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (seq INTEGER PRIMARY KEY, body TEXT)');
  const ins = db.prepare('INSERT INTO t (body) VALUES (?)');
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    ins.run('x'.repeat(600));
    times.push(performance.now() - t0);
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
