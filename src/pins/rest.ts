import type { Catalog, CatalogEntry } from '../backends/catalog.js';
import { HttpError } from '../core/http-error.js';
import { diffDefinitions, type PinKind } from './definition.js';
import { PinError, type PinRegistry } from './registry.js';
import type { PinRecord } from './store.js';

type Answer = { status: number; body: unknown };

const fail = (e: HttpError): Answer => ({ status: e.status, body: e.body() });

/** A tool's row in `GET /api/v1/tools` (the inventory, quarantined tools included). */
export function toolRow(e: CatalogEntry): Record<string, unknown> {
  return {
    name: e.name,
    backend: e.backend.name,
    source: e.source,
    annotations: e.definition.annotations,
    meta: e.definition._meta,
    quarantined: e.quarantined,
    ...(e.pin
      ? {
          pin: {
            state: e.pin.state,
            ...(e.pin.hash ? { hash: e.pin.hash } : {}),
            ...(e.pin.pendingHash ? { pendingHash: e.pin.pendingHash } : {}),
            ...(e.pin.reason ? { reason: e.pin.reason } : {}),
          },
        }
      : {}),
  };
}

/** What `tools diff` shows: the accepted definition, the pending one, and the changed JSON pointers. */
export function pinDiff(rec: PinRecord): Record<string, unknown> {
  return {
    kind: rec.kind,
    name: rec.name,
    backend: rec.backend,
    state: rec.pending ? 'quarantined' : 'pinned',
    pinned: rec.hash
      ? {
          hash: rec.hash,
          definition: rec.definition,
          pinnedAt: rec.pinnedAt,
          ...(rec.acceptedBy ? { acceptedBy: rec.acceptedBy, reason: rec.acceptReason } : {}),
        }
      : null,
    pending: rec.pending ?? null,
    changes: rec.pending ? diffDefinitions(rec.definition ?? {}, rec.pending.definition) : [],
  };
}

/**
 * `/api/v1/tools` (and `/api/v1/prompts`): the inventory with pin states, `GET …/{name}/diff`, and
 * `POST …/{name}/accept` with `{ "reason": "…", "hash"?: "…" }` (admin only).
 */
export async function handlePinsApi(
  deps: { catalog: () => Catalog; registry: PinRegistry },
  url: URL,
  ctx: { user: string; roles: readonly string[]; method: string; readJson(): Promise<unknown> },
): Promise<Answer | undefined> {
  const m = /^\/api\/v1\/(tools|prompts)(?:\/([^/]+)\/(diff|accept))?$/.exec(url.pathname);
  if (!m) return undefined;
  const kind: PinKind = m[1] === 'tools' ? 'tool' : 'prompt';
  if (!m[2]) {
    if (ctx.method !== 'GET') return fail(new HttpError('request.method_not_allowed'));
    if (kind === 'tool') return { status: 200, body: { tools: deps.catalog().all().map(toolRow) } };
    const prompts = deps.registry
      .list()
      .filter((p) => p.kind === 'prompt')
      .map((p) => ({
        name: p.name,
        backend: p.backend,
        pin: { state: p.pending ? 'quarantined' : 'pinned', ...(p.hash ? { hash: p.hash } : {}) },
      }));
    return { status: 200, body: { prompts } };
  }
  let name: string;
  try {
    name = decodeURIComponent(m[2]);
  } catch {
    return fail(new HttpError('request.invalid', 'bad name'));
  }
  const rec = deps.registry.get(kind, name);
  if (m[3] === 'diff') {
    if (ctx.method !== 'GET') return fail(new HttpError('request.method_not_allowed'));
    if (!rec) return fail(new HttpError('request.not_found', `no pinned ${kind} named "${name}"`));
    return { status: 200, body: pinDiff(rec) };
  }
  if (ctx.method !== 'POST') return fail(new HttpError('request.method_not_allowed'));
  if (!ctx.roles.includes('admin')) return fail(new HttpError('policy.denied', 'Requires the role: admin'));
  const body = (await ctx.readJson().catch((e: unknown) => e)) as { reason?: unknown; hash?: unknown } | Error;
  if (body instanceof Error || typeof body !== 'object' || body === null)
    return fail(new HttpError('request.invalid', body instanceof Error ? body.message : 'expected a JSON object'));
  if (typeof body.reason !== 'string' || body.reason.trim().length === 0)
    return fail(new HttpError('request.invalid', '"reason" is required: say why this definition is acceptable'));
  if (body.hash !== undefined && (typeof body.hash !== 'string' || !/^[0-9a-f]{64}$/.test(body.hash)))
    return fail(new HttpError('request.invalid', '"hash" must be the 64-hex-digit hash shown by diff'));
  try {
    const after = await deps.registry.accept(kind, name, ctx.user, body.reason.trim(), body.hash);
    return { status: 200, body: pinDiff(after) };
  } catch (e) {
    if (e instanceof PinError)
      return fail(new HttpError(e.code === 'not_found' ? 'request.not_found' : 'pin.conflict', e.message));
    throw e;
  }
}
