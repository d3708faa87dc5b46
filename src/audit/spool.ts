import { mkdirSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The outage spool: events the store could not take (locked, full, deleted) are appended here, already redacted,
 * one canonical event per line, with an fsync before the caller is answered. When the store accepts writes again
 * they are written to the log behind an `audit.gap.recorded` marker, and the file is emptied. So a call refused
 * during an outage is still accounted for, and nothing is silently lost (the file is 0600, like the database).
 *
 * Past `maxBytes` events are only counted (per type) and the marker says how many: the disk stays bounded under
 * a flood while the store is down.
 */
export interface SpoolState {
  spooled: number;
  /** Events counted but not kept (spool full or not writable). */
  lost: number;
  from?: string;
  to?: string;
  types: Record<string, number>;
  error?: string;
}

export interface Spool {
  readonly path: string;
  /** Durably appends redacted canonical events; resolves false if they could only be counted. */
  add(items: ReadonlyArray<{ canonical: string; type: string; timestamp: string }>, error: string): Promise<boolean>;
  /** True when spooled or counted events wait to be written. */
  pending(): boolean;
  /** Takes everything pending (for one commit); `settle(true)` forgets it, `settle(false)` puts it back in front. */
  take(): { canonicals: string[]; state: SpoolState } | undefined;
  settle(committed: boolean): Promise<void>;
  status(): SpoolState;
}

const empty = (): SpoolState => ({ spooled: 0, lost: 0, types: {} });

export function createSpool(path: string, options: { maxBytes?: number } = {}): Spool {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  let items: string[] = [];
  let bytes = 0;
  let state = empty();
  let inFlight: { canonicals: string[]; state: SpoolState } | undefined;
  let writing: Promise<unknown> = Promise.resolve();

  // Events spooled by a previous run that ended before the store came back.
  try {
    const lines = readFileSync(path, 'utf8').split('\n');
    for (const line of lines) {
      if (!line.startsWith('{') || !line.endsWith('}')) continue; // a torn last line
      items.push(line);
      bytes += line.length + 1;
      state.spooled++;
      const m = /"type":"([^"]{1,100})"/.exec(line);
      if (m) state.types[m[1]!] = (state.types[m[1]!] ?? 0) + 1;
    }
    if (items.length > 0) state.error = 'spooled by a previous run';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }

  async function appendLines(lines: string[]): Promise<void> {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const fh = await open(path, 'a', 0o600);
    try {
      await fh.write(lines.map((l) => `${l}\n`).join(''));
      await fh.datasync();
    } finally {
      await fh.close();
    }
  }

  /** Rewrites the file with what is still pending (atomic rename), after a replay committed. */
  async function rewrite(): Promise<void> {
    const pendingLines = [...(inFlight?.canonicals ?? []), ...items];
    const tmp = `${path}.tmp`;
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.write(pendingLines.map((l) => `${l}\n`).join(''));
      await fh.datasync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  }

  return {
    path,
    async add(list, error) {
      if (list.length === 0) return true;
      const now = list[list.length - 1]!.timestamp;
      state.from ??= list[0]!.timestamp;
      state.to = now;
      state.error = error;
      for (const it of list) state.types[it.type] = (state.types[it.type] ?? 0) + 1;
      const size = list.reduce((n, it) => n + it.canonical.length + 1, 0);
      if (bytes + size > maxBytes) {
        state.lost += list.length;
        return false;
      }
      const lines = list.map((it) => it.canonical);
      const p = writing.then(() => appendLines(lines));
      writing = p.catch(() => undefined);
      try {
        await p;
      } catch {
        state.lost += list.length;
        return false;
      }
      items.push(...lines);
      bytes += size;
      state.spooled += list.length;
      return true;
    },
    pending: () => items.length > 0 || state.lost > 0,
    take() {
      if (inFlight || (items.length === 0 && state.lost === 0)) return undefined;
      inFlight = { canonicals: items, state };
      items = [];
      bytes = 0;
      state = empty();
      return inFlight;
    },
    async settle(committed) {
      const taken = inFlight;
      if (!taken) return;
      if (!committed) {
        // Back in front of anything spooled meanwhile, in order.
        items = [...taken.canonicals, ...items];
        bytes = items.reduce((n, l) => n + l.length + 1, 0);
        state = merge(taken.state, state);
        inFlight = undefined;
        return;
      }
      inFlight = undefined;
      const p = writing.then(rewrite);
      writing = p.catch(() => undefined);
      await p;
    },
    status: () => merge(inFlight?.state ?? empty(), state),
  };
}

function merge(a: SpoolState, b: SpoolState): SpoolState {
  const types = { ...a.types };
  for (const [k, v] of Object.entries(b.types)) types[k] = (types[k] ?? 0) + v;
  return {
    spooled: a.spooled + b.spooled,
    lost: a.lost + b.lost,
    ...((a.from ?? b.from) ? { from: (a.from ?? b.from)! } : {}),
    ...((b.to ?? a.to) ? { to: (b.to ?? a.to)! } : {}),
    types,
    ...((b.error ?? a.error) ? { error: (b.error ?? a.error)! } : {}),
  };
}
