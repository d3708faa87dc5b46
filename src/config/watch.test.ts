import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchConfig } from './watch.js';

const dirs: string[] = [];
const stops: (() => void)[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const s of stops.splice(0)) s();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// The real timer, kept before any test fakes setTimeout: the polls below wait for filesystem events in real time.
const realSetTimeout = setTimeout;
function until(pred: () => boolean, ms = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const tick = () =>
      pred() ? resolve() : performance.now() - t0 > ms ? reject(new Error('timed out')) : realSetTimeout(tick, 20);
    tick();
  });
}

/** The layout kubelet writes for a ConfigMap volume, and its atomic update. */
function configMapVolume(content: string) {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-cm-'));
  dirs.push(dir);
  let n = 0;
  const version = (text: string) => {
    const v = `..2026_11_26_00_00_0${n++}`;
    mkdirSync(join(dir, v));
    writeFileSync(join(dir, v, 'portcullis.yaml'), text);
    return v;
  };
  let current = version(content);
  symlinkSync(current, join(dir, '..data'));
  symlinkSync(join('..data', 'portcullis.yaml'), join(dir, 'portcullis.yaml'));
  return {
    file: join(dir, 'portcullis.yaml'),
    update(text: string) {
      const old = current;
      current = version(text);
      symlinkSync(current, join(dir, '..data_tmp'));
      renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
      rmSync(join(dir, old), { recursive: true });
    },
  };
}

describe('watchConfig', () => {
  it('fires when a Kubernetes ConfigMap update swaps the ..data symlink (the file name never appears in events)', async () => {
    const cm = configMapVolume('server: { port: 1 }\n');
    const seen: string[] = [];
    stops.push(watchConfig(cm.file, (why) => seen.push(why), { debounceMs: 20, pollMs: 0 }));
    cm.update('server: { port: 2 }\n');
    await until(() => seen.length > 0);
    expect(seen).toEqual(['file']);
    cm.update('server: { port: 3 }\n');
    await until(() => seen.length > 1);
    expect(seen).toEqual(['file', 'file']);
  });

  it('does not fire when a file in the directory changes but the config content does not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-watch-'));
    dirs.push(dir);
    const file = join(dir, 'portcullis.yaml');
    writeFileSync(file, 'a: 1\n');
    const seen: string[] = [];
    // The debounce runs on fake timers: the test sees when an event armed it and runs the re-read itself, instead of
    // sleeping "well past" the debounce and hoping the re-read happened.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    stops.push(watchConfig(file, (why) => seen.push(why), { debounceMs: 20, pollMs: 0 }));
    writeFileSync(join(dir, 'other.txt'), 'x');
    writeFileSync(file, 'a: 1\n'); // same content, rewritten
    await until(() => vi.getTimerCount() > 0); // an event arrived and armed the debounce
    vi.advanceTimersByTime(20); // the re-read: the content is unchanged, so nothing fires
    expect(seen).toEqual([]);
    writeFileSync(file, 'a: 2\n');
    await until(() => vi.getTimerCount() > 0);
    vi.advanceTimersByTime(20);
    expect(seen).toEqual(['file']);
  });

  it('the poll catches a change without any filesystem event', async () => {
    const cm = configMapVolume('x: 1\n');
    const seen: string[] = [];
    // A debounce longer than the test: only the poll can report the change.
    stops.push(watchConfig(cm.file, (why) => seen.push(why), { debounceMs: 60_000, pollMs: 30 }));
    cm.update('x: 2\n');
    await until(() => seen.length > 0);
    expect(seen).toEqual(['file']);
  });
});
