import type { AuditEventInput } from '../audit/types.js';
import type { Authentication } from '../authn/index.js';
import type { Principal } from '../core/principal.js';
import type { DeliveryVerdict, ResourceSubscriber } from '../front/port.js';
import type { PolicyEngine } from '../policy/engine.js';
import { normaliseUri } from '../policy/uri.js';

/**
 * Who an upstream's `notifications/resources/updated` may reach (the front doors' `resourceUpdates`). A subscription
 * names a resource as the gateway serves it: the upstream it routes the URI to and the normalised URI. Each delivery
 * asks the one policy decision again for the subscriber's principal as it is now, so a grant removed by a reload, or
 * a group the session's latest token no longer carries, stops delivery at once. Before the policy, the credential
 * the subscriber authenticated with must still hold (not expired, not revoked, its agent still configured): when it
 * does not, the answer is `lapsed` and the front door ends the stream or session (fail closed).
 */
export function createResourceUpdateGate(deps: {
  policy: () => PolicyEngine;
  authentication: () => Pick<Authentication, 'credentialLapsed'>;
  recordEvent: (event: AuditEventInput) => void;
}) {
  const recordRefusal = (
    principal: Principal,
    server: string,
    target: string,
    rule: string | undefined,
    reasons: string[],
  ) =>
    deps.recordEvent({
      type: 'resource.update.refused',
      agent: principal.agent,
      ...(principal.user ? { user: principal.user } : {}),
      backend: server,
      decision: 'deny',
      ...(rule !== undefined ? { rule } : {}),
      reasons,
      detail: { method: 'notifications/resources/updated', target },
    });
  /** The policy's answer for a subscriber whose credential holds. */
  const byPolicy = (sub: ResourceSubscriber, principal: Principal, server: string, uri: string): DeliveryVerdict => {
    const d = deps.policy().evaluate(principal, { kind: 'resource', server, uri });
    const target = `${server}:${uri}`;
    // Only allow delivers: a hold cannot be approved for a stream of updates (as for resources/subscribe).
    if (d.effect === 'allow') {
      sub.refused.delete(target);
      return 'deliver';
    }
    if (sub.refused.has(target)) return 'refused';
    sub.refused.add(target);
    recordRefusal(principal, server, target, d.rule, [
      ...d.reasons,
      `resource update not delivered: policy does not let ${principal.agent} read ${target} now (${d.effect})`,
    ]);
    return 'refused';
  };
  const lapsed = (sub: ResourceSubscriber, principal: Principal, server: string, uri: string, why: string) => {
    if (!sub.refused.has(LAPSED)) {
      sub.refused.add(LAPSED);
      recordRefusal(principal, server, `${server}:${uri}`, undefined, [
        `resource update not delivered and the stream ended: the credential ${principal.agent} subscribed with no longer holds (${why})`,
      ]);
    }
    return 'lapsed' as const;
  };
  return {
    /** The URI an update names, normalised as subscriptions are (undefined: not a URI the gateway would serve). */
    uriOf(params: Record<string, unknown> | undefined): string | undefined {
      const raw = params?.uri;
      if (typeof raw !== 'string') return undefined;
      const n = normaliseUri(raw);
      return n.ok ? n.uri : undefined;
    },
    /**
     * Whether `server`'s update of `uri` may reach this subscriber now: `deliver`, `refused` by policy (recorded once
     * until allowed again), or `lapsed` (its credential no longer holds; recorded once; the stream is to end).
     */
    allows(sub: ResourceSubscriber, server: string, uri: string): DeliveryVerdict | Promise<DeliveryVerdict> {
      const principal = sub.principal();
      const gone = deps.authentication().credentialLapsed(principal);
      if (gone instanceof Promise)
        return gone.then((why) =>
          why ? lapsed(sub, principal, server, uri, why) : byPolicy(sub, principal, server, uri),
        );
      return gone ? lapsed(sub, principal, server, uri, gone) : byPolicy(sub, principal, server, uri);
    },
  };
}

/** The refused-set entry that marks a subscriber's lapsed credential as recorded. */
const LAPSED = '\u0000lapsed';

export type ResourceUpdateGate = ReturnType<typeof createResourceUpdateGate>;
