import { describe, expect, it } from 'vitest';
import type { McpUpstream } from '../backends/mcp/upstream.js';
import type { RecordSink } from '../core/call.js';
import type { JsonObject } from '../core/tool.js';
import { methodCall } from '../front/method-call.js';
import type { MethodCall } from '../pipeline/call.js';
import { createPipeline } from '../pipeline/runner.js';
import { auditEventFromDecision, outcomeType } from './record-sink.js';
import { forwardStage } from './resource-router.js';
import { createUpstreamSubscriptions } from './resource-subscriptions.js';
import { RELEASE_RULE, releaseStage } from './subscription-release.js';

const URI = 'file:///srv/shared/doc.txt';

/** An upstream that answers every request and remembers it. */
function upstream(name: string) {
  const sent: { method: string; params: unknown }[] = [];
  const u = {
    name,
    kind: 'mcp',
    request: (method: string, params: JsonObject | undefined): Promise<JsonObject> => {
      sent.push({ method, params });
      return Promise.resolve({});
    },
  } as unknown as McpUpstream;
  return { u, sent };
}

/** The gateway's release pipeline (release, forward) over a sink that keeps what it is handed, as the audit log gets it. */
function releases(configured: Record<string, McpUpstream>) {
  const intents: MethodCall[] = [];
  const outcomes: MethodCall[] = [];
  const sink: RecordSink = {
    intent(c) {
      intents.push(c as MethodCall);
      return Promise.resolve();
    },
    outcome(c) {
      outcomes.push(c as MethodCall);
      return Promise.resolve();
    },
  };
  const pipeline = createPipeline<MethodCall>(
    [releaseStage((n) => configured[n])],
    forwardStage(createUpstreamSubscriptions()),
    sink,
  );
  const release = async (server: string) => {
    const call = methodCall(
      { agent: 'reader', method: 'api-key' },
      'resources/unsubscribe',
      { uri: URI },
      new AbortController().signal,
    );
    call.target = { kind: 'resource', server, uri: URI };
    await pipeline.run(call).catch(() => undefined);
    await new Promise((r) => setImmediate(r)); // the outcome is handed to the sink after the answer
  };
  return { release, intents, outcomes };
}

describe("the gateway's own release of an upstream subscription", () => {
  it('at a configured upstream: decided allow by its rule, the intent first, sent, completed', async () => {
    const b = upstream('b');
    const r = releases({ b: b.u });
    await r.release('b');
    expect(b.sent).toEqual([{ method: 'resources/unsubscribe', params: { uri: URI } }]);
    expect(r.intents).toHaveLength(1);
    const rec = r.outcomes[0]!.record;
    expect(outcomeType(rec)).toBe('mcp.request.completed');
    expect(rec).toMatchObject({ decision: 'allow', rule: RELEASE_RULE, resultStatus: 'ok', target: `b:${URI}` });
  });

  it('at an upstream a reload removed: not a denial; nothing sent, no intent, one record saying it was called off and why', async () => {
    const b = upstream('b');
    const r = releases({ b: b.u });
    await r.release('a');
    expect(b.sent).toEqual([]);
    expect(r.intents).toEqual([]);
    expect(r.outcomes).toHaveLength(1);
    const rec = r.outcomes[0]!.record;
    expect(outcomeType(rec)).toBe('mcp.request.failed');
    const event = auditEventFromDecision(outcomeType(rec), rec);
    expect(event).toMatchObject({
      type: 'mcp.request.failed',
      agent: 'reader',
      backend: 'a',
      decision: 'allow',
      rule: RELEASE_RULE,
      resultStatus: 'cancelled',
      detail: { method: 'resources/unsubscribe', target: `a:${URI}` },
    });
    expect(event.reasons).toEqual([
      'nothing to release: upstream a is no longer configured (a reload removed it), and the subscription ended with it',
    ]);
    expect(event.error).toBe(
      `Upstream a is no longer configured: its subscription to ${URI} ended with it, and nothing was sent`,
    );
  });
});
