import { RESULT_TOO_LARGE } from './bounded-stdio.js';

type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

export interface OversizedInfo {
  bytes: number;
  /** True when the oversized message was answered in place with a `RESULT_TOO_LARGE` error for its request. */
  answered: boolean;
}

/** JSON-RPC request ids in a POST body (one message or a batch); notifications and responses have none we await. */
function requestIds(body: RequestInit['body']): (string | number)[] {
  if (typeof body !== 'string') return [];
  try {
    const parsed = JSON.parse(body) as unknown;
    const msgs = Array.isArray(parsed) ? parsed : [parsed];
    return msgs.flatMap((m) => {
      const x = m as { id?: unknown; method?: unknown };
      return typeof x.method === 'string' && (typeof x.id === 'string' || typeof x.id === 'number') ? [x.id] : [];
    });
  } catch {
    return [];
  }
}

const tooLarge = (id: string | number, maxBytes: number) =>
  JSON.stringify({
    jsonrpc: '2.0',
    id,
    error: { code: RESULT_TOO_LARGE, message: `result exceeds ${maxBytes} bytes`, data: { limitBytes: maxBytes } },
  });

/** Reads a whole JSON body, giving up (and cancelling the rest) past `maxBytes`. */
async function readBounded(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | number> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return size;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Server-sent events, passed on one whole event at a time; an event larger than `maxBytes` is never held: reading
 * stops there, the upstream stream is cancelled, and `onOversized` decides what (if anything) to emit instead.
 */
function boundEvents(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  onOversized: (bytes: number) => Uint8Array | undefined,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let event: Uint8Array[] = [];
  let eventBytes = 0;
  let lineBytes = 0;
  let prevCR = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          if (eventBytes > 0) controller.enqueue(Buffer.concat(event));
          controller.close();
          return;
        }
        let start = 0;
        let emitted = false;
        for (let i = 0; i < value.length; i++) {
          const b = value[i]!;
          if (b === 0x0a && prevCR) {
            prevCR = false;
            continue; // the LF of a CRLF
          }
          prevCR = b === 0x0d;
          if (b !== 0x0a && b !== 0x0d) {
            lineBytes++;
            continue;
          }
          const blank = lineBytes === 0;
          lineBytes = 0;
          if (!blank) continue;
          // End of an event: pass it on whole (with the LF of a CRLF when it is in this chunk).
          if (b === 0x0d && value[i + 1] === 0x0a) {
            i++;
            prevCR = false;
          }
          const part = value.subarray(start, i + 1);
          event.push(part);
          eventBytes += part.byteLength;
          if (eventBytes > maxBytes) return stop(controller, eventBytes);
          controller.enqueue(Buffer.concat(event));
          emitted = true;
          event = [];
          eventBytes = 0;
          start = i + 1;
        }
        const rest = value.subarray(start);
        if (rest.byteLength > 0) {
          event.push(rest);
          eventBytes += rest.byteLength;
          if (eventBytes > maxBytes) return stop(controller, eventBytes);
        }
        if (emitted) return;
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });

  async function stop(controller: ReadableStreamDefaultController<Uint8Array>, bytes: number): Promise<void> {
    event = [];
    await reader.cancel().catch(() => undefined);
    const replacement = onOversized(bytes);
    if (replacement) controller.enqueue(replacement);
    controller.close();
  }
}

/**
 * Bounds what an HTTP (Streamable HTTP) upstream may send per message: a JSON response body, or each server-sent
 * event, may hold at most `maxBytes`. Enforced while reading: past the limit the response is cancelled (the
 * connection dropped), never buffered. A response to our own request is replaced by a `RESULT_TOO_LARGE` JSON-RPC
 * error for that request, so only that call fails, with a clear error; an oversized event on the standalone GET
 * stream ends that stream (the transport reopens it).
 */
export function boundedFetch(base: Fetch, maxBytes: number, onOversized: (info: OversizedInfo) => void): Fetch {
  return async (url, init) => {
    const res = await base(url, init);
    if (!res.body || !res.ok) return res;
    const ids = (init?.method ?? 'GET').toUpperCase() === 'POST' ? requestIds(init?.body) : [];
    const type = (res.headers.get('content-type') ?? '').toLowerCase();
    const headers = new Headers(res.headers);
    headers.delete('content-length');
    if (type.startsWith('text/event-stream')) {
      const body = boundEvents(res.body, maxBytes, (bytes) => {
        onOversized({ bytes, answered: ids.length > 0 });
        if (ids.length === 0) return undefined;
        return Buffer.from(ids.map((id) => `event: message\ndata: ${tooLarge(id, maxBytes)}\n\n`).join(''));
      });
      return new Response(body, { status: res.status, statusText: res.statusText, headers });
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    const read = declared > maxBytes ? declared : await readBounded(res.body, maxBytes);
    if (typeof read !== 'number')
      return new Response(read, { status: res.status, statusText: res.statusText, headers });
    if (declared > maxBytes) await res.body.cancel().catch(() => undefined);
    onOversized({ bytes: read, answered: ids.length > 0 });
    if (ids.length === 0) throw new Error(`upstream response of ${read}+ bytes exceeds maxResultBytes ${maxBytes}`);
    const replacement =
      ids.length === 1 ? tooLarge(ids[0]!, maxBytes) : `[${ids.map((id) => tooLarge(id, maxBytes)).join(',')}]`;
    headers.set('content-type', 'application/json');
    return new Response(replacement, { status: 200, headers });
  };
}
