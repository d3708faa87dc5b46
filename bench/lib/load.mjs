// A lean MCP load generator: raw HTTP/1.1 keep-alive (node:http), one socket per session, no SDK on the hot path,
// so the client is not what is measured.
import { Agent, request } from 'node:http';

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function post(agent, url, headers, body) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request(
      {
        agent,
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Opens a 2025-11-25 session (initialize + initialized) on its own keep-alive socket. */
export async function openSession(url, extraHeaders = {}) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const init = await post(
    agent,
    url,
    extraHeaders,
    JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
    }),
  );
  if (init.status !== 200) throw new Error(`initialize failed: ${init.status} ${init.body.slice(0, 200)}`);
  const headers = { ...extraHeaders, 'mcp-protocol-version': '2025-11-25' };
  const sid = init.headers['mcp-session-id'];
  if (sid) headers['mcp-session-id'] = sid;
  const n = await post(agent, url, headers, JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
  if (n.status !== 202 && n.status !== 200) throw new Error(`initialized failed: ${n.status}`);
  let id = 1;
  return {
    async call(name, args) {
      const r = await post(
        agent,
        url,
        headers,
        JSON.stringify({ jsonrpc: '2.0', id: id++, method: 'tools/call', params: { name, arguments: args } }),
      );
      if (r.status !== 200 || !r.body.includes('"result"') || r.body.includes('"isError":true'))
        throw new Error(`call failed: ${r.status} ${r.body.slice(0, 300)}`);
      return r.body;
    },
    close: () => agent.destroy(),
  };
}

/**
 * Runs `concurrency` closed loops of `call()` for `seconds` (after `warmupSeconds`) and returns calls/s and
 * latency percentiles in milliseconds. Bounded in time and count.
 */
export async function measure({ concurrency, seconds, warmupSeconds = 1, maxCalls = 500_000, makeCaller }) {
  const callers = await Promise.all(Array.from({ length: concurrency }, () => makeCaller()));
  const latencies = [];
  let measuring = false;
  let stop = false;
  let count = 0;
  const loops = callers.map(async (c) => {
    while (!stop && count < maxCalls) {
      const t0 = performance.now();
      await c.call();
      if (measuring) {
        latencies.push(performance.now() - t0);
        count++;
      }
    }
  });
  await new Promise((r) => setTimeout(r, warmupSeconds * 1000));
  measuring = true;
  const start = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  stop = true;
  const elapsed = (performance.now() - start) / 1000;
  await Promise.all(loops);
  for (const c of callers) await c.close?.();
  latencies.sort((a, b) => a - b);
  return {
    callsPerSecond: count / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    calls: count,
  };
}

/** A 2026-07-28 (stateless) caller: no session; every request carries the per-request envelope. */
export async function openModern(url, extraHeaders = {}) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const meta = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1' },
    'io.modelcontextprotocol/clientCapabilities': {},
  };
  let id = 1;
  return {
    async call(name, args) {
      const headers = {
        ...extraHeaders,
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'tools/call',
        'mcp-name': name,
      };
      const r = await post(
        agent,
        url,
        headers,
        JSON.stringify({
          jsonrpc: '2.0',
          id: id++,
          method: 'tools/call',
          params: { name, arguments: args, _meta: meta },
        }),
      );
      if (r.status !== 200 || !r.body.includes('"result"') || r.body.includes('"isError":true'))
        throw new Error(`call failed: ${r.status} ${r.body.slice(0, 300)}`);
      return r.body;
    },
    close: () => agent.destroy(),
  };
}

/** The median of a list of numbers (the upper one of the middle two for an even count). */
/**
 * `makeCaller` for `measure` on a bench gateway (`url`, API `key`): each caller opens its own session and calls the echo
 * upstream's tool with `args` (an object, or a function that makes one per call: a text new on every call);
 * `era: 'modern'` sends 2026-07-28 stateless requests instead of a 2025-11-25 session.
 */
export function echoCaller({ url, key }, { args = { message: 'benchmark payload' }, era = 'legacy' } = {}) {
  return async () => {
    const s = await (era === 'modern' ? openModern : openSession)(url, { authorization: `Bearer ${key}` });
    return { call: () => s.call('up_echo', typeof args === 'function' ? args() : args), close: s.close };
  };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** A figure for a markdown table: `d` decimals, or `n/a`. */
export const fmt = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

/**
 * Medians over interleaved rounds of `measure()` results (with `cpuPerCall` when the rounds carry it), and the
 * calls/s range as `min-max`.
 */
export function summariseRounds(rs) {
  const calls = rs.map((r) => r.callsPerSecond);
  return {
    callsPerSecond: median(calls),
    cpuPerCall: median(rs.map((r) => r.cpuPerCall)),
    p50: median(rs.map((r) => r.p50)),
    p99: median(rs.map((r) => r.p99)),
    spread: `${fmt(Math.min(...calls), 0)}-${fmt(Math.max(...calls), 0)}`,
  };
}
