import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Backend } from '../core/backend.js';
import { createBackendSlots } from './backend-slots.js';

/** A backend that records what was done to it. */
function fake(name: string, startError?: Error) {
  const seen: string[] = [];
  const backend = {
    name,
    kind: 'mcp',
    start: () => (seen.push('start'), startError ? Promise.reject(startError) : Promise.resolve()),
    tools: () => [],
    callTool: () => Promise.reject(new Error('not called here')),
    status: () => ({ name, kind: 'mcp', state: 'ready', toolCount: 0 }),
    onToolsChanged: () => void seen.push('listening'),
    close: () => (seen.push('closed'), Promise.resolve()),
  } satisfies Backend;
  return { backend, seen };
}

function setup() {
  const logs: string[] = [];
  const built: Record<string, ReturnType<typeof fake>> = {};
  const slots = createBackendSlots({
    guard: (b) => b,
    onToolsChanged: () => undefined,
    log: (m) => logs.push(m),
  });
  const want = (entries: Record<string, unknown>) =>
    new Map(
      Object.entries(entries).map(([key, config]) => [key, { config, create: () => (built[key] = fake(key)).backend }]),
    );
  return { slots, want, built, logs };
}

afterEach(() => void vi.useRealTimers());

describe('backend slots', () => {
  it('installs wrapped backends and listens to their tool changes', () => {
    const { slots, want, built } = setup();
    for (const [k, w] of want({ 'mcp:a': { url: 1 }, 'openapi:b': {} })) slots.install(k, w);
    expect(slots.all().map((b) => b.name)).toEqual(['mcp:a', 'openapi:b']);
    expect(slots.get('mcp:a')).toBe(built['mcp:a']!.backend);
    expect(built['mcp:a']!.seen).toEqual(['listening']);
  });

  it('a reload diff names added, removed and changed entries; a moved base dir changes them all', () => {
    const { slots, want } = setup();
    for (const [k, w] of want({ 'mcp:same': { a: 1 }, 'mcp:edited': { a: 1 }, 'mcp:gone': {} })) slots.install(k, w);
    const next = want({ 'mcp:same': { a: 1 }, 'mcp:edited': { a: 2 }, 'mcp:new': {} });
    expect(slots.diff(next, false)).toEqual({ added: ['mcp:new'], removed: ['mcp:gone'], changed: ['mcp:edited'] });
    expect(slots.diff(next, true).changed).toEqual(['mcp:same', 'mcp:edited']);
  });

  it('a removed backend serves no new calls, and closes only after the grace time', () => {
    vi.useFakeTimers();
    const { slots, want, built } = setup();
    for (const [k, w] of want({ 'mcp:a': {}, 'mcp:b': {} })) slots.install(k, w);
    const old = slots.remove(['mcp:a']);
    expect(old).toEqual([built['mcp:a']!.backend]);
    expect(slots.get('mcp:a')).toBeUndefined();
    slots.retire(old, 30_000);
    vi.advanceTimersByTime(29_999);
    expect(built['mcp:a']!.seen).not.toContain('closed');
    vi.advanceTimersByTime(1);
    expect(built['mcp:a']!.seen).toContain('closed');
  });

  it('close() closes the served and the retired backends alike', async () => {
    const { slots, want, built } = setup();
    for (const [k, w] of want({ 'mcp:a': {}, 'mcp:b': {} })) slots.install(k, w);
    slots.retire(slots.remove(['mcp:a']), 60_000);
    await slots.close();
    expect(built['mcp:a']!.seen).toContain('closed');
    expect(built['mcp:b']!.seen).toContain('closed');
  });

  it('start() starts every backend; a failed first attempt is logged, not thrown', async () => {
    const { slots, logs } = setup();
    const ok = fake('ok');
    const down = fake('down', new Error('connection refused'));
    await slots.start([ok.backend, down.backend]);
    expect(ok.seen).toEqual(['start']);
    expect(down.seen).toEqual(['start']);
    expect(logs).toEqual(['backend down: connection refused']);
  });
});
