import type { ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { parseJSONRPCMessage, type JSONRPCMessage } from '@modelcontextprotocol/client';
import type { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { createLineFramer, responseIdOf } from './line-framer.js';
import type { LeanIntercept } from './lean-calls.js';

/** JSON-RPC code of the error that stands in for a response larger than the upstream's `maxResultBytes`. */
export const RESULT_TOO_LARGE = -32098;

/**
 * Bounds what the SDK's stdio transport reads from the upstream: each message (line) may hold at most `maxBytes`.
 * Without it one oversized line fills the SDK's read buffer and closes the transport, dropping every agent's calls.
 * Here the line is dropped while it is read; when it is a response we are waiting for, its call is answered with a
 * `RESULT_TOO_LARGE` error instead, and the connection serves everyone else on.
 *
 * The SDK class itself is kept (its stdio version negotiation depends on it being exactly that class); after it
 * spawned the process, its stdout `data` listener is replaced with the bounded framer. Should the SDK stop exposing
 * the process, start fails (fail closed) and the test suite says so.
 */
export function boundStdioTransport(
  transport: StdioClientTransport,
  maxBytes: number,
  onOversized: (info: { bytes: number; answered: boolean }) => void,
  /** The lean tools/call path (lean-calls.ts): sees each message first, and the connection's close. */
  lean?: LeanIntercept,
): StdioClientTransport {
  if (lean) transport.onclose = () => lean.closed(); // chained by the SDK's Protocol.connect, which runs it first
  const start = transport.start.bind(transport);
  transport.start = async () => {
    await start();
    const proc = (transport as unknown as { _process?: ChildProcess })._process;
    const out = proc?.stdout;
    if (!out || out.listenerCount('data') !== 1) {
      await transport.close().catch(() => undefined);
      throw new Error('bounded stdio reading is unavailable with this SDK version');
    }
    out.removeAllListeners('data');
    const framer = createLineFramer({
      maxLineBytes: maxBytes,
      onLine: (line) => {
        let message: JSONRPCMessage;
        try {
          // What the SDK's `deserializeMessage` does, with the lean path's responses taken out before the schema parse.
          const raw: unknown = JSON.parse(line.toString('utf8').replace(/\r$/, ''));
          if (lean?.take(raw)) return;
          message = parseJSONRPCMessage(raw);
        } catch (e) {
          transport.onerror?.(e as Error);
          return;
        }
        transport.onmessage?.(message);
      },
      onOversized: ({ head, tail, bytes }) => {
        const id = responseIdOf(head, tail);
        onOversized({ bytes, answered: id !== undefined });
        if (id === undefined) return;
        const error = {
          code: RESULT_TOO_LARGE,
          message: `result exceeds ${maxBytes} bytes`,
          data: { limitBytes: maxBytes },
        };
        if (lean?.takeOversized(id, error)) return;
        transport.onmessage?.({ jsonrpc: '2.0', id, error });
      },
    });
    out.on('data', (chunk: Buffer) => framer.push(chunk));
    if (proc.stdin) coalesceWrites(transport, proc.stdin);
  };
  return transport;
}

/**
 * Messages sent to the upstream in one turn of the event loop go out in one write (ADR 0017, Decision 7): the
 * child's stdin is corked at the first send and uncorked once the turn's I/O callbacks have run (`setImmediate`), so
 * 32 calls arriving together cost the gateway one pipe write (and the upstream one wake-up) instead of 32. Bytes
 * and order are unchanged; the SDK's `send` still resolves when its write is buffered, or at `drain`.
 */
function coalesceWrites(transport: StdioClientTransport, stdin: Writable): void {
  const send = transport.send.bind(transport);
  let corked = false;
  const flush = () => {
    corked = false;
    stdin.uncork();
  };
  transport.send = (message) => {
    if (!corked) {
      corked = true;
      stdin.cork();
      setImmediate(flush);
    }
    return send(message);
  };
}
