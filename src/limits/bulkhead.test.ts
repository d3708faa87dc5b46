import { describe, expect, it } from 'vitest';
import type { Backend } from '../core/backend.js';
import { createBulkhead, withBulkhead } from './bulkhead.js';

describe('bulkhead', () => {
  it('caps calls in flight per agent and per backend, and frees slots when calls end', () => {
    const b = createBulkhead({ perBackend: 3, perAgent: 2 });
    const a1 = b.enter('a');
    const a2 = b.enter('a');
    expect(b.enter('a')).toEqual({ ok: false, cap: 'agent', limit: 2 });
    const c1 = b.enter('c');
    expect(b.enter('d')).toEqual({ ok: false, cap: 'backend', limit: 3 });
    expect(b.inFlight()).toBe(3);
    if (!a1.ok || !a2.ok || !c1.ok) throw new Error('expected slots');
    a1.leave();
    a1.leave(); // idempotent
    expect(b.inFlight()).toBe(2);
    expect(b.enter('d').ok).toBe(true);
    expect(b.enter('a').ok).toBe(false); // backend full again
  });
});

describe('backend behind a bulkhead', () => {
  it('tool calls and forwarded MCP requests (resources, prompts, completions) share the same slots', async () => {
    const pending: Array<() => void> = [];
    const hold = () => new Promise<never>((_r, reject) => pending.push(() => reject(new Error('released'))));
    const backend = {
      name: 'fs',
      kind: 'mcp',
      callTool: hold,
      request: hold,
      status: () => ({ name: 'fs', kind: 'mcp', state: 'ready', toolCount: 0 }),
    } as unknown as Backend & { request: (m: string, p: unknown, c: unknown) => Promise<unknown> };
    const guarded = withBulkhead(backend, createBulkhead({ perBackend: 10, perAgent: 2 }));
    const ctx = {
      principal: { agent: 'a', method: 'api-key' as const },
      requestId: 'r',
      signal: new AbortController().signal,
    };
    const first = guarded.request('resources/read', { uri: 'file:///a' }, ctx).catch(() => 'done');
    const second = guarded.callTool('t', {}, ctx).catch(() => 'done');
    await expect(guarded.request('prompts/get', { name: 'p' }, ctx)).rejects.toMatchObject({
      code: 'rate.limited',
      data: { rule: 'concurrency.agent' },
    });
    await expect(guarded.callTool('t', {}, ctx)).rejects.toMatchObject({ code: 'rate.limited' });
    for (const release of pending.splice(0)) release();
    expect(await Promise.all([first, second])).toEqual(['done', 'done']);
    // The slots were given back.
    const third = guarded.request('resources/read', { uri: 'file:///a' }, ctx).catch(() => 'done');
    for (const release of pending.splice(0)) release();
    expect(await third).toBe('done');
  });
});
