import { createHash } from 'node:crypto';
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';

export interface WatchOptions {
  debounceMs?: number;
  /** Also re-read the file this often (events can be missed on network and overlay filesystems). 0: never. */
  pollMs?: number;
}

/** Content fingerprint; undefined while the file cannot be read (mid-swap, deleted). */
function fingerprint(file: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return undefined;
  }
}

/**
 * Calls `onChange` when the config file's content changes (debounced) or the process gets SIGHUP.
 * Any event in the file's directory triggers a re-read of the file through its path, and only a changed content
 * fires: this covers editors that replace the file, and a Kubernetes ConfigMap update, where the file is a
 * symlink through `..data`, and `..data` is atomically swapped to a new timestamped directory (the events name
 * `..data`, never the file). A slow poll catches events the filesystem did not deliver.
 */
export function watchConfig(
  file: string,
  onChange: (why: 'file' | 'SIGHUP') => void,
  options: WatchOptions | number = {},
): () => void {
  const { debounceMs = 200, pollMs = 5000 } = typeof options === 'number' ? { debounceMs: options } : options;
  let last = fingerprint(file);
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    timer = undefined;
    const now = fingerprint(file);
    if (now === undefined || now === last) return;
    last = now;
    onChange('file');
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, debounceMs);
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(file), () => schedule());
    watcher.on('error', () => watcher?.close());
    watcher.unref();
  } catch {
    // No file watching available: the poll and SIGHUP still work.
  }
  const poll = pollMs > 0 ? setInterval(check, pollMs) : undefined;
  poll?.unref();
  const onHup = () => {
    last = fingerprint(file) ?? last;
    onChange('SIGHUP');
  };
  process.on('SIGHUP', onHup);
  return () => {
    watcher?.close();
    if (poll) clearInterval(poll);
    process.off('SIGHUP', onHup);
    if (timer) clearTimeout(timer);
  };
}
