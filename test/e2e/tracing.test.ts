// OpenTelemetry traces and JSON logs from a real `portcullis serve`: an OTLP/HTTP receiver in this process gets a
// span per call and per pipeline stage, the OpenAPI backend and the HTTP MCP upstream receive the call's W3C
// traceparent, an incoming traceparent (MCP front door, REST API) is continued, and every line the gateway writes to
// stderr parses as JSON.
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { FIXTURES, connectAgent, startFixture, startGateway, tempDir, type RunningGateway } from './harness.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: { stringValue?: string } }[];
}

const servers: Server[] = [];
const listen = async (server: Server): Promise<number> => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return (server.address() as AddressInfo).port;
};
const readBody = (req: import('node:http').IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

const spans: OtlpSpan[] = [];
const apiHeaders: IncomingHttpHeaders[] = [];
const upstreamHeaders: IncomingHttpHeaders[] = [];
let fixture: Awaited<ReturnType<typeof startFixture>>;
let gw: RunningGateway;
let client: Client;
let dir: string;

beforeAll(async () => {
  const collector = await listen(
    createServer((req, res) => {
      void readBody(req).then((body) => {
        if (req.url === '/v1/traces' && req.headers['content-type']?.startsWith('application/json')) {
          const doc = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
          for (const rs of doc.resourceSpans) for (const ss of rs.scopeSpans) spans.push(...ss.spans);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    }),
  );
  const api = await listen(
    createServer((req, res) => {
      apiHeaders.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"pong":true}');
    }),
  );
  fixture = await startFixture(join(FIXTURES, 'test-upstream.mjs'), ['--http', '0']);
  // A recording hop in front of the HTTP MCP upstream: what the gateway sends, headers included.
  const hop = await listen(
    createServer((req, res) => {
      upstreamHeaders.push(req.headers);
      const up = request(
        { host: '127.0.0.1', port: fixture.port, path: req.url, method: req.method, headers: req.headers },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      up.on('error', () => res.writeHead(502).end());
      req.pipe(up);
    }),
  );
  dir = tempDir('portcullis-tracing-');
  const spec = join(dir, 'ping.json');
  writeFileSync(
    spec,
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'ping', version: '1' },
      servers: [{ url: `http://127.0.0.1:${api}` }],
      paths: {
        '/ping': {
          get: { operationId: 'ping', summary: 'Ping', responses: { '200': { description: 'pong' } } },
        },
      },
    }),
  );
  gw = await startGateway(
    `
observability:
  tracing:
    endpoint: http://127.0.0.1:${collector}/v1/traces
    serviceName: portcullis-e2e
upstreams:
  remote:
    transport: http
    url: http://127.0.0.1:${hop}/mcp
openapi:
  api:
    spec: ${JSON.stringify(spec)}
    allowPrivateNetwork: true
agents:
  bot:
    tools:
      allow: ["remote_echo", "api_*"]
users:
  alice: { roles: [admin] }
`,
    { env: { OTEL_BSP_SCHEDULE_DELAY: '50' } },
  );
  client = await connectAgent(gw.url, gw.keys.bot);
});

afterAll(async () => {
  await client?.close();
  await gw?.stop();
  fixture?.stop();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const eventually = async (check: () => boolean, ms = 15_000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};
const attr = (s: OtlpSpan, key: string) => s.attributes.find((a) => a.key === key)?.value.stringValue;

describe('tracing and JSON logs (real gateway process)', () => {
  it('exports one span per pipeline stage under a call span, and propagates traceparent to both HTTP backends', async () => {
    const tools = await client.listTools();
    const ping = tools.tools.find((t) => t.name.startsWith('api_'))!;
    expect(ping).toBeDefined();
    await client.callTool({ name: ping.name, arguments: {} });
    await client.callTool({ name: 'remote_echo', arguments: { message: 'hi' } });

    const roots = () => spans.filter((s) => s.name === 'portcullis tools/call');
    await eventually(() => roots().length >= 2 && spans.length >= 14);
    for (const [tool, headers] of [
      [ping.name, apiHeaders],
      ['remote_echo', upstreamHeaders],
    ] as const) {
      const root = roots().find((s) => attr(s, 'portcullis.tool') === tool)!;
      expect(root).toBeDefined();
      expect(attr(root, 'portcullis.decision')).toBe('allow');
      expect(attr(root, 'portcullis.result_status')).toBe('ok');
      const children = spans.filter((s) => s.parentSpanId === root.spanId);
      expect(children.map((s) => s.name).sort()).toEqual(
        [
          'portcullis.approve',
          'portcullis.audit.intent',
          'portcullis.authorize',
          'portcullis.execute',
          'portcullis.limit',
          'portcullis.quarantine',
          'portcullis.resolve',
          'portcullis.validate',
        ].sort(),
      );
      expect(children.every((s) => s.traceId === root.traceId)).toBe(true);
      // W3C traceparent (version-traceid-parentid-flags): the call's trace, sent from inside the execute span.
      const execute = children.find((s) => s.name === 'portcullis.execute')!;
      const sent = headers.map((h) => h.traceparent).find((t) => typeof t === 'string' && t.includes(root.traceId));
      expect(String(sent).split('-')).toEqual(['00', root.traceId, execute.spanId, '01']);
    }
    // Arguments never go into spans.
    expect(JSON.stringify(spans)).not.toContain('"hi"');
  });

  it('continues an incoming traceparent on the MCP front door and the REST API: the gateway spans are children', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parent = '00f067aa0ba902b7';
    // An agent whose own tracing sends W3C trace context on every request (official SDK client, real socket).
    const withParent = new Client({ name: 'traced-agent', version: '1.0.0' });
    await withParent.connect(
      new StreamableHTTPClientTransport(new URL(gw.url), {
        requestInit: { headers: { Authorization: `Bearer ${gw.keys.bot}`, traceparent: `00-${traceId}-${parent}-01` } },
      }),
    );
    await withParent.callTool({ name: 'remote_echo', arguments: { message: 'traced' } });
    await withParent.close();
    const rest = await fetch(`${gw.base}/api/v1/approvals`, {
      headers: { authorization: `Bearer ${gw.keys.alice}`, traceparent: `00-${traceId}-${parent}-01` },
    });
    expect(rest.status).toBe(200);
    await eventually(
      () =>
        spans.some((s) => s.traceId === traceId && s.name === 'portcullis tools/call') &&
        spans.some((s) => s.traceId === traceId && s.name.startsWith('portcullis api ')),
    );
    const call = spans.find((s) => s.traceId === traceId && s.name === 'portcullis tools/call')!;
    expect(call.parentSpanId).toBe(parent);
    expect(spans.filter((s) => s.parentSpanId === call.spanId).length).toBeGreaterThanOrEqual(8);
    const api = spans.find((s) => s.traceId === traceId && s.name.startsWith('portcullis api '))!;
    expect(api.name).toBe('portcullis api GET /api/v1/approvals');
    expect(api.parentSpanId).toBe(parent);
    // The upstream call carries the continued trace onwards.
    expect(upstreamHeaders.some((h) => String(h.traceparent).includes(traceId))).toBe(true);
  });

  it('writes its log to stderr as JSON lines with levels, nothing else', async () => {
    await eventually(() => gw.stderr().includes('backend'));
    const lines = gw
      .stderr()
      .split('\n')
      .filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      const o = JSON.parse(l) as { level: string; msg: string; time: string; service: string };
      expect(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).toContain(o.level);
      expect(typeof o.msg).toBe('string');
      expect(o.service).toBe('portcullis');
    }
    expect(lines.some((l) => l.includes('tracing on'))).toBe(true);
  });
});
