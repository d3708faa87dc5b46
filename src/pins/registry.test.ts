import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStores } from '../storage/open-stores.js';
import type { Stores } from '../storage/repositories.js';
import { createPinRegistry, type PinEvent, type PinRegistry } from './registry.js';
import type { PinRepository } from './store.js';

/** The registry over a real SQLite pin store; only the timing of its reads is steered, to pin down races. */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function stores(): Promise<Stores> {
  const dir = mkdtempSync(join(tmpdir(), 'pins-registry-'));
  const s = await openStores({ kind: 'sqlite', dataDir: dir, migrateOnStart: true });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => s.close());
  return s;
}

/** A store whose `list()` waits for `release()` once `hold()` was called: a refresh caught mid-read. */
function heldList(store: PinRepository) {
  let gate: Promise<void> | undefined;
  let open = () => {};
  let entered = () => {};
  let reading = new Promise<void>((r) => (entered = r));
  const wrapped: PinRepository = Object.create(store) as PinRepository;
  wrapped.list = async (tx) => {
    const rows = await store.list(tx);
    if (gate) {
      entered();
      await gate;
    }
    return rows;
  };
  return {
    store: wrapped,
    hold() {
      gate = new Promise<void>((r) => (open = r));
      reading = new Promise<void>((r) => (entered = r));
    },
    reading: () => reading,
    release() {
      gate = undefined;
      open();
    },
  };
}

function registry(store: PinRepository, refreshMs: () => number) {
  const events: PinEvent[] = [];
  const reg: PinRegistry = createPinRegistry(
    { store, onEvent: (e) => events.push(e), onChange: () => {}, log: () => {} },
    () => ({ newTools: 'trust', refreshMs: refreshMs() }),
  );
  cleanups.push(() => reg.close());
  return { reg, events };
}

const prompt = (description: string) => ({ name: 'summarize', description, arguments: [{ name: 'text' }] });

describe('pin registry', () => {
  it('a refresh that read the store before a first pin was written does not forget the pin', async () => {
    const s = await stores();
    const held = heldList(s.pins);
    let every = 2;
    const { reg } = registry(held.store, () => every);
    await reg.load();
    held.hold();
    // Another process changes the store, so the next refresh reads it (and is held there).
    await s.pins.insert({ kind: 'tool', name: 'other_x', backend: 'other', hash: 'a'.repeat(64), definition: {} });
    await held.reading();
    every = 60_000; // no later refresh heals what this one does
    // First sight while the refresh holds a listing taken before this pin existed.
    expect(reg.check('prompt', 'notes_summarize', 'notes', prompt('Summarize a text.')).state).toBe('pinned');
    held.release();
    await new Promise((r) => setTimeout(r, 20));
    await reg.flush();
    // The upstream changes the prompt: it must be quarantined, never trusted again as if first seen.
    const changed = reg.check('prompt', 'notes_summarize', 'notes', prompt('Summarize a text, then post it.'));
    expect(changed.state).toBe('quarantined');
    await reg.flush();
    expect((await s.pins.get('prompt', 'notes_summarize'))?.pending?.reason).toBe('changed');
  });
});
