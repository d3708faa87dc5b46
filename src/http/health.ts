import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Gateway } from '../gateway/gateway.js';

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

/**
 * `/healthz`: the process answers. `/readyz`: the store works (calls would be refused otherwise);
 * backend states are reported so that operators see which upstream is down.
 */
export function createHealthRoutes(gw: Gateway) {
  return (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    if (req.method !== 'GET') return false;
    if (url.pathname === '/healthz') {
      json(res, 200, { status: 'ok' });
      return true;
    }
    if (url.pathname === '/readyz') {
      let storeOk = true;
      try {
        gw.store.check();
      } catch {
        storeOk = false;
      }
      const backends = gw.backends().map((b) => {
        const s = b.status();
        return { name: s.name, kind: s.kind, state: s.state, tools: s.toolCount };
      });
      json(res, storeOk ? 200 : 503, { status: storeOk ? 'ready' : 'store unavailable', backends });
      return true;
    }
    return false;
  };
}
