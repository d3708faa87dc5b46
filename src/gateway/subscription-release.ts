import type { McpUpstream } from '../backends/mcp/upstream.js';
import { describeTarget, type Decision } from '../core/decision.js';
import { GatewayError } from '../core/errors.js';
import type { Principal } from '../core/principal.js';
import { clipForDisplay } from '../core/text.js';
import { methodCall } from '../front/method-call.js';
import { serverOfKey, uriOfKey } from '../front/port.js';
import type { MethodCall, SubscriptionHolder } from '../pipeline/call.js';
import type { Pipeline } from '../pipeline/runner.js';
import { policyDenied } from '../pipeline/stages/authorize.js';
import type { Stage } from '../pipeline/stage.js';
import { normaliseUri } from '../policy/uri.js';
import type { UpstreamSubscriptions } from './resource-subscriptions.js';

/** The rule of the gateway's own release of an upstream subscription nobody holds (its audit records name it). */
export const RELEASE_RULE = 'gateway.subscription-release';

/**
 * The refusal of a holder's `resources/unsubscribe` of a URI it still holds, which the policy denies or holds for
 * approval, and which lets go all the same ({@link createSubscriptionRelease}): the answer says that the subscription
 * ended, as well as why the request itself was refused.
 * - Denied, when the agent can no longer list the URI (its grant was removed after it subscribed): stated as denied,
 *   naming the rule as a visible target's denial does. "Resource not found" would hide nothing (the agent subscribed
 *   to it) and mislead.
 * - Held for approval: an unsubscribe cannot wait for one, so it is refused as the agent's request; "it was not made"
 *   would be untrue of what the agent asked for, since its subscription is over.
 * Undefined for anything else: to an agent that holds no subscription to it, a resource it may not see still looks
 * nonexistent (no existence oracle), and a held one was simply not made.
 */
export function heldUnsubscribeRefusal(call: MethodCall, d: Decision): GatewayError | undefined {
  const t = call.target;
  if (call.method !== 'resources/unsubscribe' || t?.kind !== 'resource' || !call.holder) return undefined;
  if (![...call.holder].some((key) => uriOfKey(key) === t.uri)) return undefined;
  const what = `resources/unsubscribe of ${clipForDisplay(describeTarget(t))}`;
  const ended =
    'Your subscription to it has ended all the same: no updates of it will be delivered to this session or stream.';
  if (d.effect === 'hold')
    return new GatewayError(
      'approval.required',
      `${what} needs approval, and an unsubscribe cannot wait for one: it was refused as your request. ${ended}`,
      'held by policy (a subscription the holder still held; it let go all the same)',
    );
  if (d.effect !== 'deny') return undefined;
  return policyDenied(
    d.rule,
    `${what}. ${ended}`,
    'denied by policy (a subscription the holder still held; it let go all the same)',
  );
}

/**
 * The one decision of the gateway's own release pipeline: a `resources/unsubscribe` of an upstream subscription that
 * no session or stream holds any more (its target set by {@link createSubscriptionRelease}, never by an agent). Not
 * the policy: the subscription is the gateway's holding, and ending it reads nothing and acts for no agent. The record
 * says so; the runner then writes its intent durably before the upstream is told (no audit, no call).
 */
export function releaseStage(upstream: (name: string) => McpUpstream | undefined): Stage<MethodCall> {
  return {
    id: 'release',
    run(call) {
      const t = call.target;
      if (call.method !== 'resources/unsubscribe' || call.holder || t?.kind !== 'resource')
        throw new GatewayError('internal', undefined, 'release of something other than a held subscription');
      const rec = call.record;
      rec.target = `${t.server}:${t.uri}`;
      rec.rule = RELEASE_RULE;
      // The gateway decides its own release (never the policy): allowed, whether or not there is anything to send.
      rec.decision = 'allow';
      rec.backend = t.server;
      const u = upstream(t.server);
      if (!u) {
        // Not a denial: a reload removed the upstream, and the subscription ended with its process. Nothing is sent
        // (no intent); the release is called off (`cancelled`), and its one record says why.
        rec.reasons.push(
          `nothing to release: upstream ${t.server} is no longer configured (a reload removed it), and the subscription ended with it`,
        );
        throw new GatewayError(
          'backend.removed',
          `Upstream ${t.server} is no longer configured: its subscription to ${clipForDisplay(t.uri)} ended with it, and nothing was sent`,
        );
      }
      call.upstream = u;
      call.forwardParams = { uri: t.uri };
      rec.reasons.push(
        'no session or stream holds this subscription any more: the gateway ends its own upstream subscription (the policy is not asked: it reads nothing and acts for no agent)',
      );
    },
  };
}

/**
 * Upstream subscriptions are the gateway's holding, one per (upstream, URI) for every session and stream that asked
 * for it; an agent's `resources/unsubscribe` is the agent's request, decided by the policy and audited as the agent's.
 * Letting go reads nothing, so a holder whose unsubscribe was refused before its upstream (a grant removed since, an
 * approval the request cannot wait for, a URI no longer offered) lets go all the same: it asked to, and it would not
 * hear the URI's updates under that policy anyway. When that leaves nobody holding the URI, the gateway ends the
 * upstream subscription itself through `releases` (see {@link releaseStage}), with the principal whose hold it was
 * (a per-agent upstream pool routes by it); otherwise it stayed subscribed for nobody until the gateway stopped.
 */
export function createSubscriptionRelease(deps: {
  subscriptions: UpstreamSubscriptions;
  /** The forwarded-method pipeline (resolve, the policy decision, approval, forward). */
  methods: Pipeline<MethodCall>;
  /** The gateway's own release pipeline ({@link releaseStage}, forward). */
  releases: Pipeline<MethodCall>;
}) {
  /** Ends, one after the other, the upstream subscriptions of `keys` (that nobody holds now) as the gateway's own. */
  const releaseOwn = async (keys: readonly string[], principal: Principal): Promise<void> => {
    for (const key of keys) {
      const uri = uriOfKey(key);
      const call = methodCall(principal, 'resources/unsubscribe', { uri }, new AbortController().signal);
      call.target = { kind: 'resource', server: serverOfKey(key), uri };
      // Refused or failed, it is in the audit log (its outcome record), and nothing else can be done here.
      await deps.releases.run(call).catch(() => undefined);
    }
  };
  return {
    /**
     * One forwarded method through the pipeline. A holder's resources/unsubscribe lets go of the URI at every upstream
     * it holds it at (refused: before the refusal is answered; answered: the upstreams it was not sent to), and what
     * nobody holds then is released upstream.
     */
    async forward(call: MethodCall): Promise<MethodCall> {
      const holder = call.holder;
      if (call.method !== 'resources/unsubscribe' || !holder) return deps.methods.run(call);
      const n = normaliseUri(typeof call.params.uri === 'string' ? call.params.uri : '');
      const letGo = async () => {
        if (n.ok) await releaseOwn(deps.subscriptions.letGo(n.uri, holder), call.principal);
      };
      let done: MethodCall;
      try {
        done = await deps.methods.run(call);
      } catch (e) {
        await letGo();
        throw e;
      }
      // Held at more than one upstream (subscribed again after a reload routed the URI elsewhere), the unsubscribe
      // went to one of them; the holder lets go of the others too, and what nobody holds then is released upstream.
      await letGo();
      return done;
    },
    /**
     * A closed session or stream lets go of what it still holds after its unsubscribes went through the pipeline, and
     * what nobody holds then is released upstream as the gateway's own.
     */
    async drop(holder: SubscriptionHolder, principal: Principal): Promise<void> {
      await releaseOwn(deps.subscriptions.drop(holder), principal);
    },
  };
}

export type SubscriptionRelease = ReturnType<typeof createSubscriptionRelease>;
