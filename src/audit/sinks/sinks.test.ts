import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuditLog } from '../audit-log.js';
import type { AuditRecord } from '../types.js';
import type { SinkTransport } from './sink-runner.js';

const dirs: string[] = [];
const servers: Array<Server | HttpServer> = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  // The anchor file sits next to the data directory, outside it.
  for (const d of dirs.splice(0))
    for (const p of [d, `${d}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
});
/**
 * These tests count records: no interval checkpoint may slip in between (a loaded machine easily spends more than the
 * default second on a test's appends). Checkpoints still come from close() and from a record count.
 */
const QUIET = { checkpointEvery: { records: 1000, ms: 3_600_000 } } as const;
/** Deliveries are asynchronous: wait for them as long as a loaded CI machine may need (not vitest's 1 s default). */
const DELIVERED = { timeout: 30_000, interval: 20 } as const;

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'portcullis-sinks-'));
  dirs.push(d);
  return d;
}
async function listen<T extends Server | HttpServer>(server: T): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}
async function deadPort(): Promise<number> {
  const s = createTcpServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Parses RFC 6587 octet-counted frames. */
function parseFrames(data: string): string[] {
  const frames: string[] = [];
  let buf = Buffer.from(data);
  while (buf.length > 0) {
    const space = buf.indexOf(0x20);
    const len = Number(buf.subarray(0, space).toString());
    frames.push(buf.subarray(space + 1, space + 1 + len).toString());
    buf = buf.subarray(space + 1 + len);
  }
  return frames;
}

describe('sinks', () => {
  it('a dead syslog endpoint never blocks appends; its behind counter grows', async () => {
    const dir = tempDir();
    const port = await deadPort();
    const log = await createAuditLog({
      dataDir: dir,
      ...QUIET,
      sinks: [{ type: 'syslog', host: '127.0.0.1', port, bufferSize: 50 }],
    });
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => log.append({ type: 'tools.listed', agent: `a${i}` })),
    );
    expect(results.every((r) => r.recorded)).toBe(true);
    await vi.waitFor(() => expect(log.sinkStatus()[0]!.failures).toBeGreaterThan(0), DELIVERED);
    const status = log.sinkStatus()[0]!;
    expect(status).toMatchObject({ name: 'syslog', type: 'syslog', deliveredSeq: 0, catchingUp: true });
    expect(status.behind).toBe(300);
    expect(status.lastError).toMatch(/ECONNREFUSED/);
    await log.append({ type: 'tools.listed' });
    expect(log.sinkStatus()[0]!.behind).toBe(301);
    await log.close();
  });

  it('appends resolve even while a sink hangs forever', async () => {
    const dir = tempDir();
    const hanging: SinkTransport = {
      type: 'stdout',
      deliver: () => new Promise<void>(() => undefined),
      close: async () => undefined,
    };
    const log = await createAuditLog({
      dataDir: dir,
      ...QUIET,
      sinks: [{ name: 'hang', transport: hanging, bufferSize: 10 }],
      sinkCloseTimeoutMs: 10,
    });
    for (let i = 0; i < 50; i++) await log.append({ type: 'tools.listed' });
    expect(log.sinkStatus()[0]!.behind).toBe(50);
    await log.close();
  });

  it('after an outage the sink catches up from the store: every record once, in order', async () => {
    const dir = tempDir();
    const got: AuditRecord[] = [];
    let up = false;
    const flaky: SinkTransport = {
      type: 'webhook',
      deliver: async (records) => {
        if (!up) throw new Error('down');
        got.push(...records);
      },
      close: async () => undefined,
    };
    const log = await createAuditLog({
      dataDir: dir,
      ...QUIET,
      sinks: [{ name: 'flaky', transport: flaky, bufferSize: 20, batchSize: 7 }],
    });
    for (let i = 0; i < 100; i++) await log.append({ type: 'tools.listed', detail: { i } });
    expect(log.sinkStatus()[0]!.catchingUp).toBe(true);
    up = true;
    for (let i = 100; i < 110; i++) await log.append({ type: 'tools.listed', detail: { i } });
    await vi.waitFor(() => expect(log.sinkStatus()[0]!.behind).toBe(0), DELIVERED);
    expect(got.map((r) => r.seq)).toEqual(Array.from({ length: 110 }, (_, i) => i + 1));
    await log.close();
  });

  it('persists its cursor: a restarted sink resumes where it stopped', async () => {
    const dir = tempDir();
    const dead: SinkTransport = {
      type: 'file',
      deliver: async () => Promise.reject(new Error('down')),
      close: async () => undefined,
    };
    let log = await createAuditLog({ dataDir: dir, ...QUIET, sinks: [{ name: 'siem', transport: dead }] });
    for (let i = 0; i < 5; i++) await log.append({ type: 'tools.listed' });
    await log.close(); // + closing checkpoint = 6 records
    const got: number[] = [];
    const alive: SinkTransport = {
      type: 'file',
      deliver: async (rs) => void got.push(...rs.map((r) => r.seq)),
      close: async () => undefined,
    };
    log = await createAuditLog({ dataDir: dir, ...QUIET, sinks: [{ name: 'siem', transport: alive }] });
    await vi.waitFor(() => expect(got).toEqual([1, 2, 3, 4, 5, 6]), DELIVERED);
    await log.close();
  });

  it('syslog over TCP: RFC 5424 messages in octet-counting frames', async () => {
    const dir = tempDir();
    let data = '';
    const port = await listen(createTcpServer((s) => s.on('data', (d: Buffer) => (data += d.toString()))));
    const log = await createAuditLog({
      dataDir: dir,
      ...QUIET,
      sinks: [{ type: 'syslog', host: '127.0.0.1', port, appName: 'pc-test' }],
    });
    await log.append({ type: 'tool.call.denied', agent: 'a', decision: 'deny', reasons: ['no "rule"]'] });
    await log.append({ type: 'tools.listed', agent: 'a' });
    await vi.waitFor(() => expect(parseFrames(data)).toHaveLength(2), DELIVERED);
    const [denied, listed] = parseFrames(data);
    // facility 13 (log audit): warning = 13*8+4, info = 13*8+6
    expect(denied).toMatch(
      /^<108>1 \d{4}-\d\d-\d\dT[\d:.]+Z \S+ pc-test \d+ tool\.call\.denied \[portcullis@32473 seq="1" hash="[0-9a-f]{64}" type="tool\.call\.denied"\] \ufeff\{/,
    );
    expect(listed).toMatch(/^<110>1 /);
    expect(JSON.parse(denied!.slice(denied!.indexOf('\ufeff') + 1))).toMatchObject({ seq: 1, reasons: ['no "rule"]'] });
    await log.close();
  });

  it('syslog over TLS (RFC 5425) with a private CA', async () => {
    const dir = tempDir();
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    let data = '';
    const server = createTlsServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (s) =>
      s.on('data', (d: Buffer) => (data += d.toString())),
    );
    const port = await listen(server);
    const log = await createAuditLog({
      dataDir: dir,
      ...QUIET,
      sinks: [{ type: 'syslog', host: 'localhost', port, tls: { ca: cert } }],
    });
    await log.append({ type: 'agent.created', agent: 'new-agent' });
    await vi.waitFor(() => expect(parseFrames(data)).toHaveLength(1), DELIVERED);
    expect(parseFrames(data)[0]).toContain('"agent":"new-agent"');
    await log.close();
  });

  it('webhook: batched POSTs, retried after failures, nothing lost or duplicated', async () => {
    const dir = tempDir();
    const batches: number[][] = [];
    const auth = new Set<string>();
    let calls = 0;
    const port = await listen(
      createHttpServer((req, res) => {
        let body = '';
        req.on('data', (d: Buffer) => (body += d.toString()));
        req.on('end', () => {
          calls++;
          if (calls <= 2) {
            res.writeHead(503).end();
            return;
          }
          auth.add(req.headers['authorization'] ?? '');
          batches.push((JSON.parse(body) as { records: AuditRecord[] }).records.map((r) => r.seq));
          res.writeHead(204).end();
        });
      }),
    );
    const log = await createAuditLog({
      dataDir: dir,
      ...QUIET,
      sinks: [
        {
          type: 'webhook',
          url: `http://127.0.0.1:${port}/ingest`,
          headers: { authorization: 'Bearer collector-token' },
          batchSize: 10,
        },
      ],
    });
    await Promise.all(Array.from({ length: 35 }, () => log.append({ type: 'tools.listed' })));
    await vi.waitFor(() => expect(batches.flat()).toHaveLength(35), DELIVERED);
    expect(batches.flat()).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(10);
    expect(calls).toBeGreaterThan(batches.length);
    expect([...auth]).toEqual(['Bearer collector-token']);
    await log.close();
  });

  it('rotating file: keeps at most maxFiles rotated files of valid JSON lines', async () => {
    const dir = tempDir();
    const path = join(dir, 'out', 'audit.jsonl');
    const log = await createAuditLog({
      dataDir: dir,
      ...QUIET,
      sinks: [{ type: 'file', path, maxBytes: 2048, maxFiles: 2, batchSize: 3 }],
      // close() waits for a healthy sink to write what is pending; on a loaded machine that can take more than the
      // default 2 s, and this test reads the files after close.
      sinkCloseTimeoutMs: 60_000,
    });
    for (let i = 0; i < 40; i++) await log.append({ type: 'tools.listed', detail: { pad: 'x'.repeat(100) } });
    await log.close();
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['audit.jsonl', 'audit.jsonl.1', 'audit.jsonl.2']);
    expect(existsSync(`${path}.3`)).toBe(false);
    const seqs = [`${path}.2`, `${path}.1`, path].flatMap((f) =>
      readFileSync(f, 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as AuditRecord).seq),
    );
    expect(seqs[seqs.length - 1]).toBe(41); // closing checkpoint
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (const f of [path, `${path}.1`]) expect(readFileSync(f).length).toBeLessThanOrEqual(2048);
  });
});
