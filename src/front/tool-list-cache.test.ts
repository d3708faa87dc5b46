import { describe, expect, it } from 'vitest';
import type { Principal } from '../core/principal.js';
import type { ToolDefinition } from '../core/tool.js';
import { createToolListCache } from './tool-list-cache.js';

const tool = (name: string, extra: Partial<ToolDefinition> = {}): ToolDefinition => ({
  name,
  inputSchema: { type: 'object' },
  ...extra,
});
const alice = { agent: 'alice', method: 'api-key' } as Principal;
const bob = { agent: 'bob', method: 'api-key' } as Principal;

function fixture() {
  let catalog = [tool('a_one'), tool('a_two')];
  const visible = new Map<string, (t: ToolDefinition) => boolean>([
    ['alice', () => true],
    ['bob', (t) => t.name === 'a_one'],
  ]);
  const listeners: (() => void)[] = [];
  const gw = {
    listTools: (p: Principal) => catalog.filter((t) => visible.get(p.agent)!(t)),
    onToolsChanged: (l: () => void) => void listeners.push(l),
  };
  const cache = createToolListCache(gw);
  return {
    cache,
    visible,
    setCatalog(next: ToolDefinition[]) {
      catalog = next;
      for (const l of listeners) l();
    },
  };
}

describe('tools/list cache', () => {
  it('serves each principal its own filtered list and reuses the serialisation while nothing changed', () => {
    const f = fixture();
    const first = f.cache.list(alice);
    expect(JSON.parse(first.json).map((t: ToolDefinition) => t.name)).toEqual(['a_one', 'a_two']);
    expect(f.cache.list(alice)).toBe(first);
    expect(JSON.parse(f.cache.list(bob).json).map((t: ToolDefinition) => t.name)).toEqual(['a_one']);
  });

  it('never serves a stale list: a changed decision or a rebuilt catalog is serialised anew', () => {
    const f = fixture();
    const first = f.cache.list(bob);
    f.visible.set('bob', () => false); // e.g. a time-bound rule that stopped matching: no event, a new answer
    expect(JSON.parse(f.cache.list(bob).json)).toEqual([]);
    f.visible.set('bob', () => true);
    expect(f.cache.list(bob)).not.toBe(first);
    f.cache.list(alice);
    expect(f.cache.size()).toBe(2);
    f.setCatalog([tool('a_one', { description: 'changed' })]); // catalog/policy/pin change: cleared
    expect(f.cache.size()).toBe(0);
    expect(JSON.parse(f.cache.list(alice).json)).toEqual([
      { name: 'a_one', inputSchema: { type: 'object' }, description: 'changed' },
    ]);
  });

  it('marks lists whose output schemas are not all objects (the SDK rewrites those on the 2025 wire)', () => {
    const f = fixture();
    expect(f.cache.list(alice).objectOutputs).toBe(true);
    f.setCatalog([tool('a_one', { outputSchema: { type: 'array' } })]);
    expect(f.cache.list(alice).objectOutputs).toBe(false);
  });
});
