// The lean tools/call path (ADR 0017, Decision 9) against the SDK client's path, on one real stdio connection to a
// hand-written upstream whose answers are scripted: a call with a progress callback takes the SDK path, the same
// call without one the lean path, and both must end the same way (result, or error code, message and detail).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upstreamSchema } from '../../config/schema.js';
import type { BackendCallContext } from '../../core/backend.js';
import { createMcpUpstream, type McpUpstream } from './upstream.js';

const SCRIPT = join(import.meta.dirname, 'test-support/scripted-upstream.mjs');
let up: McpUpstream;
beforeAll(async () => {
  const cfg = upstreamSchema.parse({ transport: 'stdio', command: process.execPath, args: [SCRIPT], timeoutMs: 400 });
  up = createMcpUpstream('up', cfg, '.', () => undefined);
  await up.start();
});
afterAll(() => up.close());

const ctx = (extra: Partial<BackendCallContext> = {}): BackendCallContext => ({
  principal: { agent: 'a', method: 'api-key' },
  requestId: 'r',
  signal: new AbortController().signal,
  ...extra,
});
/** A call's outcome, comparable across paths. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    (result) => ({ result }),
    (e: { code?: string; message?: string; detail?: string }) => ({ error: [e.code, e.message, e.detail] }),
  );
const lean = (tool: string, args = {}, extra: Partial<BackendCallContext> = {}) =>
  outcome(up.callTool(tool, args, ctx(extra)));
const sdk = (tool: string, args = {}, extra: Partial<BackendCallContext> = {}) =>
  outcome(up.callTool(tool, args, ctx({ onProgress: () => undefined, ...extra })));

describe('lean tools/call path', () => {
  it('is taken by plain calls only (ids of its own on the wire)', async () => {
    expect(await lean('id_type')).toEqual({ result: { content: [{ type: 'text', text: 'string' }] } });
    expect(await sdk('id_type')).toEqual({ result: { content: [{ type: 'text', text: 'number' }] } });
  });

  it.each([
    'plain',
    'tool_error',
    'image',
    'annotated',
    'extra_block_key',
    'extra_top',
    'result_type',
    'meta',
    'structured',
    'invalid_text',
    'no_content',
    'rpc_error',
    'rpc_invalid_params',
    'envelope_extra',
    'with_output',
    'unknown_tool',
  ])('answers %s exactly as the SDK client does', async (tool) => {
    expect(await lean(tool)).toEqual(await sdk(tool));
  });

  it('sends the same arguments', async () => {
    const args = { a: 1, nested: { b: [true, null, 'x'] } };
    expect(await lean('args', args)).toEqual(await sdk('args', args));
  });

  it('times out, and cancels, as the SDK client does (and tells the upstream the same reason)', async () => {
    const timedOut = await lean('never');
    expect(timedOut).toEqual(await sdk('never'));
    expect((timedOut as { error: string[] }).error[0]).toBe('backend.timeout');
    const abort = () => {
      const c = new AbortController();
      setTimeout(() => c.abort(new Error('the agent went away')), 50);
      return c.signal;
    };
    const cancelled = await lean('never', {}, { signal: abort() });
    expect(cancelled).toEqual(await sdk('never', {}, { signal: abort() }));
    const already = AbortSignal.abort(new Error('gone'));
    expect(await lean('plain', {}, { signal: already })).toEqual(await sdk('plain', {}, { signal: already }));
    const all = JSON.parse(
      ((await up.callTool('cancellations', {}, ctx())).content[0] as unknown as { text: string }).text,
    ) as string[];
    const reasons = all.slice(-4); // (envelope_extra above timed out on both paths too)
    expect(reasons[0]).toContain('Request timed out');
    expect(reasons[2]).toContain('the agent went away');
    expect(reasons[0]).toBe(reasons[1]);
    expect(reasons[2]).toBe(reasons[3]);
  });
});
