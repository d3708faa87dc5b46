import type { AuditEventInput } from '../audit/types.js';
import type { ApprovalRecord } from '../storage/repositories.js';
import type { Notifier } from '../notify/index.js';

export interface Announcer {
  /** The audit fields every `approval.*` event of this request carries (typed `approval.requested`). */
  base: (r: ApprovalRecord) => AuditEventInput;
  /** Audit records after a committed change: a failure is reported loudly, the change stands. */
  record: (event: AuditEventInput, deferred?: boolean) => Promise<void>;
  /** Tells the request's notification channels (never blocks, never throws). */
  notify: (r: ApprovalRecord, kind: string, title: string, text: string) => void;
}

/**
 * How the approval service tells others what happened to a request: an audit record under the approval id (after
 * the store changed), and a message on each of the request's notification channels, with a link to it.
 */
export function createAnnouncer(deps: {
  /** Durable audit append (see ApprovalServiceDeps.append). */
  append: (event: AuditEventInput, options?: { deferred?: boolean }) => Promise<void>;
  notifier?: () => Notifier | undefined;
  /** Base URL of this gateway's REST API (for links in notifications). */
  linkBase?: () => string | undefined;
  log: (m: string) => void;
}): Announcer {
  return {
    base: (r) => ({
      type: 'approval.requested',
      approvalId: r.id,
      agent: r.agent,
      ...(r.user !== undefined ? { user: r.user } : {}),
      tool: r.tool,
      backend: r.backend,
      risk: { level: r.risk.level, categories: r.risk.categories },
      rule: r.rule,
    }),
    async record(event, deferred = false) {
      try {
        await deps.append(event, deferred ? { deferred } : undefined);
      } catch (e) {
        deps.log(`audit: ${event.type} for ${event.approvalId} not recorded: ${(e as Error).message}`);
      }
    },
    notify(r, kind, title, text) {
      const n = deps.notifier?.();
      if (!n) return;
      const linkBase = deps.linkBase?.();
      for (const channel of r.requirement.channels)
        n.send(channel, {
          kind,
          id: r.id,
          title,
          text,
          ...(linkBase ? { link: `${linkBase.replace(/\/$/, '')}/api/v1/approvals/${r.id}` } : {}),
          fields: {
            tool: r.tool,
            agent: r.agent,
            ...(r.user !== undefined ? { user: r.user } : {}),
            risk: `${r.risk.level}${r.risk.categories.length ? ` (${r.risk.categories.join(', ')})` : ''}`,
            rule: r.rule,
            status: r.status,
            expiresAt: r.expiresAt,
          },
        });
    },
  };
}
