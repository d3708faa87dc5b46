import { describe, expect, it } from 'vitest';
import type { BackendCallContext, BackendState } from '../../core/backend.js';
import type { ToolResult } from '../../core/tool.js';
import { upstreamPoolSchema } from './pool-config.js';
import { createUpstreamPool } from './pool.js';
import type { McpUpstream, UpstreamNotification } from './upstream.js';

/** An in-memory member: answers each call with its label once `release()` is called (or at once when not held). */
function member(label: string, log: string[]) {
  let state: BackendState = 'connecting';
  const held: (() => void)[] = [];
  let hold = false;
  const up: McpUpstream & { set(s: BackendState): void; hold(on: boolean): void; release(): void } = {
    name: 'up',
    kind: 'mcp',
    start: async () => void (state = 'ready'),
    tools: () => [
      {
        localName: `t-${label}`,
        definition: { name: `t-${label}`, inputSchema: { type: 'object' } },
        source: { kind: 'mcp', server: 'up' },
      },
    ],
    status: () => ({ name: 'up', kind: 'mcp', state, toolCount: 1 }),
    onToolsChanged: () => undefined,
    onNotification: () => undefined,
    capabilities: () => ({}),
    callTool: async () => {
      log.push(label);
      if (hold) await new Promise<void>((r) => held.push(r));
      return { content: [{ type: 'text', text: label }] };
    },
    request: async () => ({ from: label }),
    close: async () => {
      log.push(`closed ${label}`);
      state = 'closed';
    },
    set: (s) => void (state = s),
    hold: (on) => void (hold = on),
    release: () => held.splice(0).forEach((r) => r()),
  };
  return up;
}

const ctx = (agent: string): BackendCallContext => ({
  principal: { agent } as BackendCallContext['principal'],
  requestId: 'r',
  signal: new AbortController().signal,
});
const text = (r: ToolResult) => (r.content[0] as unknown as { text: string }).text;

describe('upstream pool', () => {
  it('round-robin takes ready members in turn and skips one that is down', async () => {
    const log: string[] = [];
    const members: ReturnType<typeof member>[] = [];
    const pool = createUpstreamPool(
      'up',
      upstreamPoolSchema.parse({ mode: 'pool', size: 3, strategy: 'round-robin' }),
      (l) => {
        const m = member(l, log);
        members.push(m);
        return m;
      },
    );
    await pool.start();
    await Promise.all(members.map((m) => m.start()));
    const seen = [];
    for (let i = 0; i < 6; i++) seen.push(text(await pool.callTool('t', {}, ctx('a'))));
    expect(seen).toEqual(['1', '2', '3', '1', '2', '3']);
    members[1]!.set('down');
    const without = new Set<string>();
    for (let i = 0; i < 6; i++) without.add(text(await pool.callTool('t', {}, ctx('a'))));
    expect([...without].sort()).toEqual(['1', '3']);
    expect(pool.status().processes).toEqual({ mode: 'pool', total: 3, ready: 2 });
  });

  it('least-busy sends a call to the member with the fewest calls in flight', async () => {
    const log: string[] = [];
    const members: ReturnType<typeof member>[] = [];
    const pool = createUpstreamPool('up', upstreamPoolSchema.parse({ mode: 'pool', size: 2 }), (l) => {
      const m = member(l, log);
      members.push(m);
      return m;
    });
    await Promise.all(members.map((m) => m.start()));
    members[0]!.hold(true);
    members[1]!.hold(true);
    const first = pool.callTool('t', {}, ctx('a'));
    const second = pool.callTool('t', {}, ctx('a'));
    await new Promise((r) => setImmediate(r));
    expect(log.sort()).toEqual(['1', '2']); // one each, whatever the turn
    members[0]!.hold(false);
    members[0]!.release();
    await first.catch(() => undefined);
    await new Promise((r) => setImmediate(r));
    // Member 2 still holds a call: the next three all go to member 1.
    log.length = 0;
    for (let i = 0; i < 3; i++) await pool.callTool('t', {}, ctx('a'));
    expect(log).toEqual(['1', '1', '1']);
    members[1]!.release();
    await second;
  });

  it('per-agent: one member per agent besides the lister; the least recently used idle one makes room; all busy: refused', async () => {
    const log: string[] = [];
    const made: string[] = [];
    const members = new Map<string, ReturnType<typeof member>>();
    const pool = createUpstreamPool('up', upstreamPoolSchema.parse({ mode: 'per-agent', maxProcesses: 2 }), (l) => {
      made.push(l);
      const m = member(l, log);
      members.set(l, m);
      return m;
    });
    await pool.start();
    expect(pool.tools().map((t) => t.localName)).toEqual(['t-catalog']);
    expect(text(await pool.callTool('t', {}, ctx('a')))).toBe('agent a');
    expect(text(await pool.callTool('t', {}, ctx('b')))).toBe('agent b');
    expect(text(await pool.callTool('t', {}, ctx('a')))).toBe('agent a');
    // c needs room: b was used least recently.
    expect(text(await pool.callTool('t', {}, ctx('c')))).toBe('agent c');
    expect(log).toContain('closed agent b');
    members.get('agent a')!.hold(true);
    members.get('agent c')!.hold(true);
    const busyA = pool.callTool('t', {}, ctx('a'));
    const busyC = pool.callTool('t', {}, ctx('c'));
    await new Promise((r) => setImmediate(r));
    await expect(pool.callTool('t', {}, ctx('d'))).rejects.toMatchObject({ code: 'backend.unavailable' });
    members.get('agent a')!.release();
    members.get('agent c')!.release();
    await Promise.all([busyA, busyC]);
    expect(made).toEqual(['catalog', 'agent a', 'agent b', 'agent c']);
    await pool.close();
  });

  it.each(['round-robin', 'least-busy'] as const)(
    'pool (%s): a URI is subscribed and unsubscribed on the same process, whichever takes the other calls',
    async (strategy) => {
      const pool = createUpstreamPool('up', upstreamPoolSchema.parse({ mode: 'pool', size: 3, strategy }), (l) =>
        member(l, []),
      );
      await pool.start();
      const from = async (method: string) =>
        ((await pool.request(method, { uri: 'file:///a' }, ctx('x'))) as { from: string }).from;
      const subscribed = await from('resources/subscribe');
      const between = [await from('resources/read'), await from('resources/read')];
      // The gateway counts subscriptions per upstream name: the unsubscribe must reach the process that subscribed.
      expect(await from('resources/unsubscribe')).toBe(subscribed);
      expect(await from('resources/subscribe')).toBe(subscribed);
      expect(new Set([subscribed, ...between]).size).toBeGreaterThan(1);
      await pool.close();
    },
  );

  it("per-agent: a resource update from an agent's process names that agent; the catalog process's reaches nobody", async () => {
    const emit = new Map<string, (n: UpstreamNotification) => void>();
    const pool = createUpstreamPool('up', upstreamPoolSchema.parse({ mode: 'per-agent' }), (l) => {
      const m = member(l, []);
      m.onNotification = (listener) => void emit.set(l, listener);
      return m;
    });
    const got: UpstreamNotification[] = [];
    pool.onNotification((n) => got.push(n));
    await pool.start();
    await pool.callTool('t', {}, ctx('a'));
    const updated = { server: 'up', method: 'notifications/resources/updated', params: { uri: 'file:///x' } };
    const listChanged = { server: 'up', method: 'notifications/resources/list_changed' };
    emit.get('agent a')!(updated);
    emit.get('catalog')!(updated);
    emit.get('catalog')!(listChanged);
    // Agent a's process changed its own copy: only agent a's subscriptions may hear of it. The catalog process serves
    // nobody's resources (its list changes still reach every agent, as the catalog does).
    expect(got).toEqual([{ ...updated, agent: 'a' }, listChanged]);
    await pool.close();
  });
});
