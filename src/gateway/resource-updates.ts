import type { AuditEventInput } from '../audit/types.js';
import type { ResourceSubscriber } from '../front/port.js';
import type { PolicyEngine } from '../policy/engine.js';
import { normaliseUri } from '../policy/uri.js';

/**
 * Who an upstream's `notifications/resources/updated` may reach (the front doors' `resourceUpdates`). A subscription
 * names a resource as the gateway serves it: the upstream it routes the URI to and the normalised URI. Each delivery
 * asks the one policy decision again for the subscriber's principal as it is now, so a grant removed by a reload, or
 * a group the session's latest token no longer carries, stops delivery at once.
 */
export function createResourceUpdateGate(deps: {
  policy: () => PolicyEngine;
  recordEvent: (event: AuditEventInput) => void;
}) {
  return {
    /** The URI an update names, normalised as subscriptions are (undefined: not a URI the gateway would serve). */
    uriOf(params: Record<string, unknown> | undefined): string | undefined {
      const raw = params?.uri;
      if (typeof raw !== 'string') return undefined;
      const n = normaliseUri(raw);
      return n.ok ? n.uri : undefined;
    },
    /** Whether `server`'s update of `uri` may reach this subscriber now; a refusal is recorded once until allowed. */
    allows(sub: ResourceSubscriber, server: string, uri: string): boolean {
      const principal = sub.principal();
      const d = deps.policy().evaluate(principal, { kind: 'resource', server, uri });
      const target = `${server}:${uri}`;
      // Only allow delivers: a hold cannot be approved for a stream of updates (as for resources/subscribe).
      if (d.effect === 'allow') {
        sub.refused.delete(target);
        return true;
      }
      if (sub.refused.has(target)) return false;
      sub.refused.add(target);
      deps.recordEvent({
        type: 'mcp.request.denied',
        agent: principal.agent,
        ...(principal.user ? { user: principal.user } : {}),
        backend: server,
        decision: 'deny',
        rule: d.rule,
        reasons: [
          ...d.reasons,
          `resource update not delivered: policy does not let ${principal.agent} read ${target} now (${d.effect})`,
        ],
        detail: { method: 'notifications/resources/updated', target },
      });
      return false;
    },
  };
}

export type ResourceUpdateGate = ReturnType<typeof createResourceUpdateGate>;
