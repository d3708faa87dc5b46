import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuditHealth } from '../audit/index.js';
import type { Gateway } from '../gateway/gateway.js';
import type { HttpRoute } from './route.js';

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

/**
 * `/healthz`: the process answers (never touches a store). `/readyz`: the store works and the audit log accepts
 * writes (calls would be refused otherwise); backend states are reported so that operators see which upstream
 * is down.
 */
export function createHealthRoutes(
  gw: Pick<Gateway, 'backends'> & { store: Pick<Gateway['store'], 'check'> },
  checks: { audit?: () => AuditHealth } = {},
): HttpRoute {
  const serve = (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    const ready = (storeOk: boolean) => {
      const backends = gw.backends().map((b) => {
        const s = b.status();
        return {
          name: s.name,
          kind: s.kind,
          state: s.state,
          tools: s.toolCount,
          ...(s.circuit ? { circuit: s.circuit.state } : {}),
          ...(s.processes ? { processes: s.processes } : {}),
        };
      });
      const audit = checks.audit?.();
      const ok = storeOk && (audit?.ready ?? true);
      json(res, ok ? 200 : 503, {
        status: ok ? 'ready' : !storeOk ? 'store unavailable' : 'audit unavailable',
        ...(audit ? { audit } : {}),
        backends,
      });
    };
    if (req.method !== 'GET') return false;
    if (url.pathname === '/healthz') {
      json(res, 200, { status: 'ok' });
      return true;
    }
    if (url.pathname === '/readyz') {
      // The store check is async (PostgreSQL: one round trip); the answer is written when it settles.
      void gw.store.check().then(
        () => ready(true),
        () => ready(false),
      );
      return true;
    }
    return false;
  };
  return { paths: () => ['/healthz', '/readyz'], serve };
}
