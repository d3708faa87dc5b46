/** A local HTTP server for tests: records every request exactly as received and answers via a handler. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  /** Raw request target (path + query) as sent on the wire. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type CaptureHandler = (req: CapturedRequest, res: http.ServerResponse) => void;

export interface CaptureServer {
  url: string;
  port: number;
  requests: CapturedRequest[];
  setHandler(handler: CaptureHandler): void;
  close(): Promise<void>;
}

export const jsonOk: CaptureHandler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
};

/**
 * `keepAliveTimeoutMs`: how long the server keeps an idle connection open (Node's default is 5 s). Tests of connection
 * reuse set it far above any pause a loaded machine can put between two calls, so the pool's socket is still open.
 */
export async function startCaptureServer(
  host = '127.0.0.1',
  options: { keepAliveTimeoutMs?: number } = {},
): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  let handler: CaptureHandler = jsonOk;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const captured: CapturedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(captured);
      handler(captured, res);
    });
  });
  if (options.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = options.keepAliveTimeoutMs;
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    requests,
    setHandler(h) {
      handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Splits a multipart body into parts (headers + body text), for assertions. */
export function parseMultipart(body: Buffer, contentType: string): { headers: Record<string, string>; body: string }[] {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  if (!boundary) throw new Error('no boundary');
  const text = body.toString('latin1');
  return text
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((raw) => {
      const part = raw.replace(/^\r\n/, '').replace(/\r\n$/, '');
      const sep = part.indexOf('\r\n\r\n');
      const headers: Record<string, string> = {};
      for (const line of part.slice(0, sep).split('\r\n')) {
        const i = line.indexOf(':');
        headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      return { headers, body: part.slice(sep + 4) };
    });
}
