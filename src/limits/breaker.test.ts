import { describe, expect, it } from 'vitest';
import type { Backend } from '../core/backend.js';
import { GatewayError } from '../core/errors.js';
import { createBreaker, type BreakerOptions } from './breaker.js';
import { withBreaker } from './breaker-backend.js';
import { BREAKER_DEFAULT } from './config.js';

const opts = (o: Partial<BreakerOptions> = {}): BreakerOptions => ({ ...BREAKER_DEFAULT, ...o });

function setup(o: Partial<BreakerOptions> = {}) {
  let t = 0;
  const changes: string[] = [];
  const b = createBreaker(
    opts(o),
    (c) => changes.push(`${c.from}->${c.to}`),
    () => t,
  );
  return { b, changes, advance: (ms: number) => (t += ms) };
}

describe('circuit breaker', () => {
  it('opens after consecutive failures, fails fast, half-opens after openMs, closes on a good probe', () => {
    const { b, changes, advance } = setup({ consecutiveFailures: 3, openMs: 1000 });
    for (let i = 0; i < 3; i++) {
      expect(b.admit()).toEqual({ ok: true, probe: false });
      b.record('failure', false);
    }
    expect(b.snapshot().state).toBe('open');
    expect(b.admit()).toEqual({ ok: false, retryAfterMs: 1000 });
    advance(1000);
    expect(b.admit()).toEqual({ ok: true, probe: true });
    expect(b.admit().ok).toBe(false); // one probe at a time
    b.record('success', true);
    expect(b.snapshot().state).toBe('closed');
    expect(changes).toEqual(['closed->open', 'open->half-open', 'half-open->closed']);
  });

  it('a failed probe re-opens; a success resets the consecutive count', () => {
    const { b, changes, advance } = setup({ consecutiveFailures: 2, openMs: 10 });
    b.record('failure', false);
    b.record('success', false);
    b.record('failure', false);
    expect(b.snapshot().state).toBe('closed');
    b.record('failure', false);
    advance(10);
    expect(b.admit()).toEqual({ ok: true, probe: true });
    b.record('failure', true);
    expect(b.snapshot().state).toBe('open');
    expect(changes).toEqual(['closed->open', 'open->half-open', 'half-open->open']);
  });

  it('opens on the failure rate over the window once minimumCalls are in it', () => {
    const { b } = setup({ consecutiveFailures: 100, failureRate: 0.5, window: 10, minimumCalls: 6 });
    for (const f of [true, false, true, false, true]) b.record(f ? 'failure' : 'success', false);
    expect(b.snapshot().state).toBe('closed'); // 5 calls < minimumCalls
    b.record('failure', false); // 4 of 6
    expect(b.snapshot().state).toBe('open');
  });

  it('neutral outcomes (caller cancelled) count neither way; disabled never opens', () => {
    const { b } = setup({ consecutiveFailures: 1 });
    b.record('neutral', false);
    expect(b.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
    b.configure(opts({ enabled: false, consecutiveFailures: 1 }));
    b.record('failure', false);
    expect(b.admit().ok).toBe(true);
  });
});

describe('backend behind a breaker', () => {
  it('counts backend failures (thrown or reported), not tool errors or a disconnected backend, and refuses with backend.circuit_open while open', async () => {
    let mode: 'ok' | 'tool-error' | 'down' | 'failing' | 'reported' = 'down';
    let reached = 0;
    const backend = {
      name: 'b',
      kind: 'mcp',
      callTool: (_n: string, _a: unknown, c: { onBackendFailure?: (why: string) => void }) => {
        reached++;
        if (mode === 'down') return Promise.reject(new GatewayError('backend.unavailable'));
        if (mode === 'failing') return Promise.reject(new GatewayError('backend.failed'));
        if (mode === 'reported') c.onBackendFailure?.('HTTP 503');
        return Promise.resolve({ content: [], isError: mode === 'tool-error' });
      },
      status: () => ({ name: 'b', kind: 'mcp', state: 'ready', toolCount: 0 }),
    } as unknown as Backend;
    const guarded = withBreaker(
      backend,
      createBreaker(opts({ consecutiveFailures: 2 }), () => undefined),
    );
    const ctx = {
      principal: { agent: 'a', method: 'api-key' as const },
      requestId: 'r',
      signal: new AbortController().signal,
    };
    mode = 'tool-error';
    for (let i = 0; i < 3; i++) await guarded.callTool('t', {}, ctx);
    mode = 'down'; // not connected: already failing fast, not counted
    for (let i = 0; i < 4; i++)
      await expect(guarded.callTool('t', {}, ctx)).rejects.toMatchObject({ code: 'backend.unavailable' });
    expect(guarded.status().circuit?.state).toBe('closed');
    mode = 'reported'; // a backend answering its own failure as an error result (OpenAPI 5xx)
    await guarded.callTool('t', {}, ctx);
    mode = 'failing';
    await expect(guarded.callTool('t', {}, ctx)).rejects.toMatchObject({ code: 'backend.failed' });
    await expect(guarded.callTool('t', {}, ctx)).rejects.toMatchObject({
      code: 'backend.circuit_open',
      data: { retryAfterSeconds: 30 },
    });
    expect(reached).toBe(9);
    expect(guarded.status().circuit?.state).toBe('open');
  });
});

describe('forwarded MCP requests behind a breaker', () => {
  it('count as failures and successes, and are refused with backend.circuit_open while open', async () => {
    let failing = true;
    let reached = 0;
    const backend = {
      name: 'fs',
      kind: 'mcp',
      callTool: () => Promise.resolve({ content: [] }),
      request: () => {
        reached++;
        return failing ? Promise.reject(new GatewayError('backend.timeout')) : Promise.resolve({ contents: [] });
      },
      status: () => ({ name: 'fs', kind: 'mcp', state: 'ready', toolCount: 0 }),
    } as unknown as Backend & { request: (m: string, p: unknown, c: unknown) => Promise<unknown> };
    const guarded = withBreaker(
      backend,
      createBreaker(opts({ consecutiveFailures: 2 }), () => undefined),
    );
    const ctx = {
      principal: { agent: 'a', method: 'api-key' as const },
      requestId: 'r',
      signal: new AbortController().signal,
    };
    for (let i = 0; i < 2; i++)
      await expect(guarded.request('resources/read', { uri: 'file:///a' }, ctx)).rejects.toMatchObject({
        code: 'backend.timeout',
      });
    failing = false;
    await expect(guarded.request('prompts/get', { name: 'p' }, ctx)).rejects.toMatchObject({
      code: 'backend.circuit_open',
    });
    // Tool calls share the circuit.
    await expect(guarded.callTool('t', {}, ctx)).rejects.toMatchObject({ code: 'backend.circuit_open' });
    expect(reached).toBe(2);
    expect(guarded.status().circuit?.state).toBe('open');
  });
});

describe('failures a call can cause (timeouts, HTTP 5xx)', () => {
  const timingOut = () => {
    let reached = 0;
    const backend = {
      name: 'api',
      async callTool() {
        reached++;
        throw new GatewayError('backend.timeout', 'timed out', 'timeout');
      },
      status: () => ({ name: 'api', kind: 'openapi', state: 'ready', toolCount: 0 }),
    } as unknown as Backend;
    const perAgent = new Map<string, ReturnType<typeof createBreaker>>();
    const guarded = withBreaker(
      backend,
      createBreaker(opts({ consecutiveFailures: 3 }), () => undefined),
      (p) => {
        let b = perAgent.get(p.agent ?? '');
        if (!b) perAgent.set(p.agent ?? '', (b = createBreaker(opts({ consecutiveFailures: 3 }), () => undefined)));
        return b;
      },
    );
    const ctx = (agent: string) => ({
      principal: { agent, method: 'api-key' as const },
      requestId: 'r',
      signal: new AbortController().signal,
    });
    return { guarded, ctx, reached: () => reached };
  };

  it("one agent's failing calls open its own breaker, not the backend's", async () => {
    const { guarded, ctx } = timingOut();
    for (let i = 0; i < 3; i++)
      await expect(guarded.callTool('t', {}, ctx('mallory'))).rejects.toMatchObject({ code: 'backend.timeout' });
    await expect(guarded.callTool('t', {}, ctx('mallory'))).rejects.toMatchObject({ code: 'backend.circuit_open' });
    expect(guarded.status().circuit?.state).toBe('closed');
    await expect(guarded.callTool('t', {}, ctx('alice'))).rejects.toMatchObject({ code: 'backend.timeout' });
  });

  it("a backend that times out for several agents opens the backend's breaker for all", async () => {
    const { guarded, ctx, reached } = timingOut();
    for (const agent of ['alice', 'bob', 'alice', 'bob'])
      await expect(guarded.callTool('t', {}, ctx(agent))).rejects.toMatchObject({ code: 'backend.timeout' });
    expect(guarded.status().circuit?.state).toBe('open');
    await expect(guarded.callTool('t', {}, ctx('carol'))).rejects.toMatchObject({
      code: 'backend.circuit_open',
      message: expect.stringContaining('is failing') as unknown,
    });
    expect(reached()).toBe(4);
  });
});
