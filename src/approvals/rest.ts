import { approvalStatuses, type ApprovalStatus } from '../core/approval.js';
import { GatewayError } from '../core/errors.js';
import { HttpError, toHttpError } from '../core/http-error.js';
import type { ApiRoute, ApiRouteGroup } from '../http/admin-api.js';
import type { ApprovalService } from './service.js';
import { toApproval } from './view.js';

const PREFIX = '/api/v1/approvals';

const fail = (e: unknown) => {
  const h = toHttpError(e);
  return { status: h.status, body: h.body(), headers: h.headers };
};

/**
 * `/api/v1/approvals` (CONTRACTS.md): list and show for auditors, approvers and admins; approve and deny
 * (`{ "comment": "…" }`) for approvers and admins. The person deciding is the one the request authenticated as;
 * their groups come from their verified identity.
 */
export function approvalsRoutes(service: () => ApprovalService | undefined): ApiRouteGroup {
  const handle: ApiRoute = async (url, ctx) => {
    const svc = service();
    if (!svc) return undefined;
    const rest = url.pathname.slice(PREFIX.length);
    try {
      if (rest === '' || rest === '/') {
        if (ctx.method !== 'GET') throw new HttpError('request.method_not_allowed', undefined, { allow: 'GET' });
        const status = url.searchParams.get('status') ?? undefined;
        if (status !== undefined && !approvalStatuses.includes(status as ApprovalStatus))
          throw new HttpError('request.invalid', `status must be one of: ${approvalStatuses.join(', ')}`);
        const limitText = url.searchParams.get('limit') ?? '50';
        const limit = Number(limitText);
        if (!/^\d+$/.test(limitText) || limit < 1 || limit > 500)
          throw new HttpError('request.invalid', 'limit must be an integer from 1 to 500');
        const cursor = url.searchParams.get('cursor') ?? undefined;
        const page = await svc.list({
          limit,
          ...(status ? { status: status as ApprovalStatus } : {}),
          ...(cursor ? { cursor } : {}),
        });
        return {
          status: 200,
          body: { items: page.items.map(toApproval), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
        };
      }
      const m = /^\/(apr_[a-z2-7]{20})(?:\/(approve|deny))?$/.exec(rest);
      if (!m) throw new GatewayError('approval.not_found', 'No such approval request');
      const id = m[1]!;
      if (!m[2]) {
        if (ctx.method !== 'GET') throw new HttpError('request.method_not_allowed', undefined, { allow: 'GET' });
        const r = await svc.get(id);
        if (!r) throw new GatewayError('approval.not_found', `No approval request ${id}`);
        return { status: 200, body: toApproval(r) };
      }
      if (ctx.method !== 'POST') throw new HttpError('request.method_not_allowed', undefined, { allow: 'POST' });
      if (!ctx.roles.includes('approver') && !ctx.roles.includes('admin'))
        throw new HttpError('policy.denied', 'Requires one of the roles: approver, admin');
      let body: unknown;
      try {
        body = await ctx.readJson();
      } catch (e) {
        throw new HttpError('request.invalid', (e as Error).message);
      }
      const comment = (body as { comment?: unknown } | null)?.comment;
      if (
        body === null ||
        typeof body !== 'object' ||
        Array.isArray(body) ||
        (comment !== undefined && typeof comment !== 'string')
      )
        throw new HttpError('request.invalid', 'expected { "comment": "<text>" } (comment optional)');
      const r = await svc.decide(
        id,
        { name: ctx.user, groups: ctx.groups, roles: ctx.roles, aliases: ctx.aliases },
        m[2] === 'approve' ? 'approve' : 'deny',
        comment,
      );
      return { status: 200, body: toApproval(r) };
    } catch (e) {
      return fail(e);
    }
  };
  return { prefix: PREFIX, roles: ['admin', 'auditor', 'approver'], methods: ['GET', 'POST'], handle };
}
