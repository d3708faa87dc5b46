import {
  ProtocolError,
  SdkError,
  SdkErrorCode,
  parseJSONRPCMessage,
  type Client,
  type JSONRPCMessage,
} from '@modelcontextprotocol/client';
import { whenAborted, type CallAbort } from '../../core/call-abort.js';
import type { JsonObject, ToolResult } from '../../core/tool.js';

/** The part of the SDK's 2025 wire codec the lean path uses for results outside its plain shape. */
interface ResultCodec {
  decodeResult(method: string, raw: unknown): { kind: string; result?: unknown; error?: Error };
  validateResult(method: string, raw: unknown): { ok: boolean; value?: unknown; message?: string };
}

/** What the bounded stdio transport asks of the lean path for every message it reads (see bounded-stdio.ts). */
export interface LeanIntercept {
  /** A parsed message: true when it answered a lean call (consumed; the SDK never sees it). */
  take(message: unknown): boolean;
  /** An oversized response's id: true when it belonged to a lean call (which is failed with `error`). */
  takeOversized(id: string | number, error: { code: number; message: string; data: unknown }): boolean;
  /** The connection closed: every lean call fails as the SDK fails its own. */
  closed(): void;
}

type Pending = { resolve(r: ToolResult): void; reject(e: Error): void };

const PREFIX = 'pcl-lean-';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{ content: [{ type: 'text', text }...], isError? }` and nothing else: what the SDK's result schema keeps as is. */
function isPlainResult(r: Record<string, unknown>): boolean {
  for (const k in r) if (k !== 'content' && k !== 'isError') return false;
  if (!Array.isArray(r.content) || (r.isError !== undefined && typeof r.isError !== 'boolean')) return false;
  for (const b of r.content) {
    if (!isObject(b) || b.type !== 'text' || typeof b.text !== 'string') return false;
    let keys = 0;
    for (const _ in b) keys++;
    if (keys !== 2) return false;
  }
  return true;
}

/** A response envelope in the exact shape the SDK's message schema accepts unchanged. */
function plainResponse(m: Record<string, unknown>): boolean {
  let keys = 0;
  for (const _ in m) keys++;
  if (keys !== 3 || m.jsonrpc !== '2.0') return false;
  if ('result' in m) return isObject(m.result);
  const e = m.error;
  if (!isObject(e) || !Number.isSafeInteger(e.code) || typeof e.message !== 'string') return false;
  for (const k in e) if (k !== 'code' && k !== 'message' && k !== 'data') return false;
  return true;
}

/**
 * A lean, multiplexed JSON-RPC path for plain `tools/call` to a stdio upstream (ADR 0017, Decision 9). The SDK
 * client's `callTool` builds a promise with closures, a timeout entry and abort listener in its maps, re-parses
 * every message read with its zod schemas (twice for responses), probes its result validator with a zod error on
 * every call, and parses the result again. Here a call is one map entry keyed by its own id space (`pcl-lean-N`,
 * strings, so they never meet the SDK's numeric ids), sent through the same transport, and its response is taken
 * from the reader before the SDK parses it. Behaviour is the SDK's, case by case:
 * - the request carries `method`, `params: { name, arguments }`, `jsonrpc`, `id`, as the SDK's does;
 * - timeout and cancellation send `notifications/cancelled` with the same reason and reject with the same errors
 *   (`SdkError` RequestTimeout; the signal's reason); a response that arrives afterwards is dropped, as the SDK drops it;
 * - a JSON-RPC error becomes `ProtocolError.fromError`, an oversized response the bounded reader's error, a closed
 *   connection `SdkError` ConnectionClosed;
 * - a result in the plain shape (text blocks, at most `isError`) is what the SDK's schema would return unchanged;
 *   any other result is decoded and validated by the SDK's own 2025 codec, with the SDK's error when invalid.
 * Everything else — progress, tools with an output schema, the 2026 era, other methods, server-to-client requests
 * and notifications — stays on the SDK path (the caller decides with `usable`).
 */
export function createLeanCalls() {
  const pending = new Map<string, Pending>();
  let seq = 0;
  let transport: { send(m: JSONRPCMessage): Promise<void> } | undefined;
  let codec: ResultCodec | undefined;

  const settle = (id: string): Pending | undefined => {
    const p = pending.get(id);
    if (p) pending.delete(id);
    return p;
  };

  function resultOf(raw: Record<string, unknown>): ToolResult {
    if (isPlainResult(raw)) return raw as unknown as ToolResult;
    const decoded = codec!.decodeResult('tools/call', raw);
    if (decoded.kind === 'invalid') throw decoded.error ?? new SdkError(SdkErrorCode.InvalidResult, 'Invalid result');
    if (decoded.kind !== 'complete') throw new SdkError(SdkErrorCode.InvalidResult, 'Invalid result for tools/call');
    const v = codec!.validateResult('tools/call', decoded.result);
    if (!v.ok) throw new SdkError(SdkErrorCode.InvalidResult, `Invalid result for tools/call: ${v.message}`);
    return v.value as ToolResult;
  }

  const intercept: LeanIntercept = {
    take(message) {
      if (!isObject(message) || typeof message.id !== 'string' || !message.id.startsWith(PREFIX)) return false;
      if ('method' in message) return false; // a request from the upstream that happens to use such an id
      let m: Record<string, unknown> = message;
      if (!plainResponse(m)) {
        const parsed = parseJSONRPCMessage(m) as unknown as Record<string, unknown>; // throws as the SDK's reader does
        if (!('result' in parsed) && !('error' in parsed)) return false;
        m = parsed;
      }
      const p = settle(message.id);
      if (!p) return true; // late (cancelled or timed out): the SDK drops those too
      if ('error' in m) {
        const e = m.error as { code: number; message: string; data?: unknown };
        p.reject(ProtocolError.fromError(e.code, e.message, e.data));
        return true;
      }
      try {
        p.resolve(resultOf(m.result as Record<string, unknown>));
      } catch (e) {
        p.reject(e as Error);
      }
      return true;
    },
    takeOversized(id, error) {
      if (typeof id !== 'string' || !id.startsWith(PREFIX)) return false;
      settle(id)?.reject(ProtocolError.fromError(error.code, error.message, error.data));
      return true;
    },
    closed() {
      const all = [...pending.values()];
      pending.clear();
      transport = undefined;
      const error = new SdkError(SdkErrorCode.ConnectionClosed, 'Connection closed');
      for (const p of all) p.reject(error);
    },
  };

  return {
    intercept,
    /** Binds the lean path to a connected client and its transport (the 2025 era only). */
    attach(client: Client, t: { send(m: JSONRPCMessage): Promise<void> }): void {
      const c = (client as unknown as { _wireCodec?: () => ResultCodec })._wireCodec?.();
      const usable =
        client.getProtocolEra() === 'legacy' &&
        typeof c?.decodeResult === 'function' &&
        typeof c.validateResult === 'function';
      codec = usable ? c : undefined;
      transport = usable ? t : undefined;
    },
    /** Whether a call may take the lean path now (attached to a live 2025 connection). */
    usable: (): boolean => transport !== undefined && codec !== undefined,
    /** A plain tools/call: the result as the SDK client's `callTool` would return it, or its error. */
    call(name: string, args: JsonObject, signal: CallAbort | AbortSignal, timeoutMs: number): Promise<ToolResult> {
      const t = transport!;
      return new Promise<ToolResult>((resolve, reject) => {
        if (signal.aborted) {
          const reason: unknown = signal.reason;
          throw reason instanceof SdkError ? reason : new SdkError(SdkErrorCode.RequestTimeout, String(reason));
        }
        const id = `${PREFIX}${++seq}`;
        const cancel = (reason: unknown) => {
          if (!settle(id)) return;
          clearTimeout(timer);
          stopListening();
          t.send({
            jsonrpc: '2.0',
            method: 'notifications/cancelled',
            params: { requestId: id, reason: String(reason) },
          }).catch(() => undefined);
          reject(reason instanceof SdkError ? reason : new SdkError(SdkErrorCode.RequestTimeout, String(reason)));
        };
        const timer = setTimeout(
          () => cancel(new SdkError(SdkErrorCode.RequestTimeout, 'Request timed out', { timeout: timeoutMs })),
          timeoutMs,
        );
        const done = () => {
          clearTimeout(timer);
          stopListening();
        };
        pending.set(id, {
          resolve: (r) => {
            done();
            resolve(r);
          },
          reject: (e) => {
            done();
            reject(e);
          },
        });
        // The caller's cancellation: a CallAbort on the hot path, without an AbortSignal (ADR 0017, Decision 19).
        const stopListening = whenAborted(signal, () => cancel(signal.reason));
        t.send({ method: 'tools/call', params: { name, arguments: args }, jsonrpc: '2.0', id }).catch((e: unknown) =>
          settle(id)?.reject(e as Error),
        );
      });
    },
  };
}

export type LeanCalls = ReturnType<typeof createLeanCalls>;
