import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Calls `onChange` when the config file changes (debounced) or the process gets SIGHUP.
 * Watches the directory, because editors often replace the file instead of writing it in place.
 */
export function watchConfig(file: string, onChange: (why: 'file' | 'SIGHUP') => void, debounceMs = 200): () => void {
  let timer: NodeJS.Timeout | undefined;
  const fire = (why: 'file' | 'SIGHUP') => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => onChange(why), why === 'SIGHUP' ? 0 : debounceMs);
  };
  const name = basename(file);
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(file), (_event, changed) => {
      if (!changed || changed.toString() === name) fire('file');
    });
    watcher.unref();
  } catch {
    // No file watching available: SIGHUP still works.
  }
  const onHup = () => fire('SIGHUP');
  process.on('SIGHUP', onHup);
  return () => {
    watcher?.close();
    process.off('SIGHUP', onHup);
    if (timer) clearTimeout(timer);
  };
}
