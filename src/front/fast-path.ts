import type { IncomingMessage, ServerResponse } from 'node:http';
import { ProtocolError } from '@modelcontextprotocol/server';
import { isValidCallToolResult } from './call-tool-result.js';
import type { AgentChannel } from '../core/backend.js';
import { createCallAbort } from '../core/call-abort.js';
import {
  recordToolsListed,
  serveToolCall,
  toProtocolError,
  type AgentServerOptions,
  type ToolCallParams,
} from './agent-server.js';
import type { FrontDoorPort } from './port.js';
import type { ToolListCache } from './tool-list-cache.js';

type Id = string | number;
type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const onlyKeys = (o: Obj, allowed: readonly string[]) => Object.keys(o).every((k) => allowed.includes(k));
const isId = (v: unknown): v is Id => typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v));

/** What the fast path needs of a 2025 session: its id and the options its calls are served with. */
export interface FastSession {
  readonly id: string;
  readonly options: AgentServerOptions;
}

/** What the fast path keeps per 2025 session: its calls in flight and the requests it sent the agent. */
interface SessionState {
  /** Cancels the call (the agent's `notifications/cancelled`, or its connection closing). */
  calls: Map<Id, (reason: Error) => void>;
  waiting: Map<string, { resolve(r: unknown): void; reject(e: Error): void }>;
}

/**
 * A plain `tools/call` on an open session, in the shape the SDK would accept: one request (no batch), a name, an
 * object of arguments, at most a progress token in `_meta`, and an Accept header the SDK would take. Anything
 * else (tasks, other `_meta`, odd ids) goes to the SDK, which answers it as before.
 */
function isPlainToolCall(req: IncomingMessage, body: unknown): body is { id: Id; params: ToolCallParams } {
  if (req.method !== 'POST') return false;
  const accept = req.headers.accept ?? '';
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) return false;
  if (!isObject(body) || body.jsonrpc !== '2.0' || body.method !== 'tools/call' || !isId(body.id)) return false;
  if (!onlyKeys(body, ['jsonrpc', 'id', 'method', 'params'])) return false;
  const p = body.params;
  if (!isObject(p) || typeof p.name !== 'string' || !onlyKeys(p, ['name', 'arguments', '_meta'])) return false;
  if (p.arguments !== undefined && !isObject(p.arguments)) return false;
  if (p._meta === undefined) return true;
  if (!isObject(p._meta) || !onlyKeys(p._meta, ['progressToken'])) return false;
  const token = p._meta.progressToken;
  return token === undefined || typeof token === 'string' || (typeof token === 'number' && Number.isFinite(token));
}

/**
 * A plain `tools/list` (the SDK handler ignores the cursor: the whole list is one page), with the Accept header the
 * SDK would take.
 */
function isPlainToolsList(req: IncomingMessage, body: unknown): body is { id: Id } {
  if (req.method !== 'POST') return false;
  const accept = req.headers.accept ?? '';
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) return false;
  if (!isObject(body) || body.jsonrpc !== '2.0' || body.method !== 'tools/list' || !isId(body.id)) return false;
  if (!onlyKeys(body, ['jsonrpc', 'id', 'method', 'params'])) return false;
  const p = body.params;
  if (p === undefined) return true;
  return isObject(p) && onlyKeys(p, ['cursor']) && (p.cursor === undefined || typeof p.cursor === 'string');
}

/**
 * A single notification with a 2025 Accept header, as the SDK's transport would take it (it answers 202 and hands it
 * to the session's SDK server).
 */
function isPlainNotification(req: IncomingMessage, body: unknown): boolean {
  if (req.method !== 'POST') return false;
  const accept = req.headers.accept ?? '';
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) return false;
  if (!isObject(body) || body.jsonrpc !== '2.0' || typeof body.method !== 'string') return false;
  if (!body.method.startsWith('notifications/') || !onlyKeys(body, ['jsonrpc', 'method', 'params'])) return false;
  return body.params === undefined || isObject(body.params);
}

/**
 * The answer to one request: a single JSON response when nothing else needs saying (the common case: one write,
 * no SSE framing), or an SSE stream opened at the first notification or request the call sends the agent
 * (progress, upstream logs, sampling), exactly as the SDK's transport frames it.
 */
function createResponder(res: ServerResponse, sessionId: string) {
  let streaming = false;
  let done = false;
  const frame = (m: Obj) => `event: message\ndata: ${JSON.stringify(m)}\n\n`;
  return {
    /** Sends a message before the response; false when the agent is gone or the call already answered. */
    event(m: Obj): boolean {
      if (done || res.destroyed) return false;
      if (!streaming) {
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
          'mcp-session-id': sessionId,
        });
        streaming = true;
      }
      res.write(frame(m));
      return true;
    },
    /** Sends the response (a message, or one already serialised). */
    finish(m: Obj | string): void {
      if (done) return;
      done = true;
      if (res.destroyed) return;
      const body = typeof m === 'string' ? m : JSON.stringify(m);
      if (streaming) return void res.end(`event: message\ndata: ${body}\n\n`);
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'mcp-session-id': sessionId,
      });
      res.end(body);
    },
  };
}

/**
 * The tools/call fast path for 2025-11-25 sessions (ADR 0016). The SDK's transport builds a web Request, a
 * ReadableStream, SSE framing and re-parses the message with its schemas for every request; here a plain tools/call
 * runs the same `serveToolCall` (the same pipeline, decisions, records and error mapping as the SDK handler) and is
 * answered with one write. Responses to requests it sent the agent, and cancellations of its calls, are routed back
 * here; every other message goes to the session's SDK transport as before.
 */
export function createFastPath(gw: FrontDoorPort, toolLists: ToolListCache) {
  const states = new WeakMap<FastSession, SessionState>();
  let seq = 0;
  const stateOf = (session: FastSession): SessionState => {
    let s = states.get(session);
    if (!s) states.set(session, (s = { calls: new Map(), waiting: new Map() }));
    return s;
  };

  function channelFor(state: SessionState, out: ReturnType<typeof createResponder>): AgentChannel {
    return {
      request: (method, params, signal) =>
        new Promise((resolve, reject) => {
          const id = `portcullis-fast-${++seq}`;
          const onAbort = () => {
            state.waiting.delete(id);
            reject(signal.reason instanceof Error ? signal.reason : new Error('cancelled', { cause: signal.reason }));
          };
          if (signal.aborted) return onAbort();
          signal.addEventListener('abort', onAbort, { once: true });
          const settle = (fn: () => void) => {
            signal.removeEventListener('abort', onAbort);
            state.waiting.delete(id);
            fn();
          };
          state.waiting.set(id, {
            resolve: (r) => settle(() => resolve(r)),
            reject: (e) => settle(() => reject(e)),
          });
          if (!out.event({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) }))
            settle(() => reject(new ProtocolError(-32000, 'the agent is no longer connected')));
        }),
      notify: (method, params) => {
        out.event({ jsonrpc: '2.0', method, ...(params ? { params } : {}) });
        return Promise.resolve();
      },
    };
  }

  /** The JSON-RPC response to one call: its result, or the error the SDK would have sent. Never rejects. */
  async function answer(
    opts: AgentServerOptions,
    id: Id,
    params: ToolCallParams,
    io: Parameters<typeof serveToolCall>[3],
  ): Promise<Obj> {
    try {
      const result = await serveToolCall(gw, opts, params, io);
      // As the SDK does: a result without content gets an empty one, and it must be a valid CallToolResult.
      const r: unknown = (result as { content?: unknown }).content === undefined ? { ...result, content: [] } : result;
      if (!isValidCallToolResult(r)) throw new ProtocolError(-32602, 'Invalid tools/call result');
      return { jsonrpc: '2.0', id, result: r };
    } catch (e) {
      const err = toProtocolError(e);
      // The 2025 wire has no -32002: the SDK sends it as -32602.
      const code = err.code === -32002 ? -32602 : err.code;
      return {
        jsonrpc: '2.0',
        id,
        error: { code, message: err.message, ...(err.data !== undefined ? { data: err.data } : {}) },
      };
    }
  }

  return {
    /** Serves a plain tools/call of this session; false (nothing written) when the SDK should take the request. */
    tryServe(session: FastSession, req: IncomingMessage, res: ServerResponse, body: unknown): boolean {
      if (!isPlainToolCall(req, body)) return false;
      const opts = session.options;
      const sessionId = session.id;
      const state = stateOf(session);
      if (state.calls.has(body.id)) return false; // a duplicate id: let the SDK answer it as it would
      const { id, params } = body;
      // One cancellation per call, shared with the call's deadline, so the agent's is told apart here; no
      // AbortSignal unless a backend asks for one (ADR 0017, Decision 19).
      const ctl = createCallAbort();
      let cancelled = false;
      const cancel = (reason: Error) => {
        cancelled = true;
        ctl.abort(reason);
      };
      state.calls.set(id, cancel);
      const out = createResponder(res, sessionId);
      const onClose = () => {
        if (!res.writableFinished) cancel(new Error('the agent closed the connection'));
      };
      res.on('close', onClose);
      const io = {
        abort: ctl,
        channel: channelFor(state, out),
        notify: (n: { method: string; params?: Obj }) => {
          out.event({ jsonrpc: '2.0', ...n });
          return Promise.resolve();
        },
      };
      void answer(opts, id, params, io).then((message) => {
        res.off('close', onClose);
        state.calls.delete(id);
        // A cancelled call gets no answer (as with the SDK); ending the response closes the exchange.
        if (cancelled) {
          if (!res.headersSent && !res.destroyed) res.writeHead(202).end();
          else if (!res.destroyed) res.end();
          return;
        }
        out.finish(message);
      });
      return true;
    },

    /**
     * Serves a plain tools/list of this session from the per-principal cache (the same filter and `tools.listed`
     * event as the SDK handler); false when the SDK should take the request.
     */
    tryList(session: FastSession, req: IncomingMessage, res: ServerResponse, body: unknown): boolean {
      if (!isPlainToolsList(req, body)) return false;
      const { tools, json, objectOutputs } = toolLists.list(session.options.principal);
      if (!objectOutputs) return false;
      recordToolsListed(gw, session.options, tools.length);
      createResponder(res, session.id).finish(
        `{"result":{"tools":${json}},"jsonrpc":"2.0","id":${JSON.stringify(body.id)}}`,
      );
      return true;
    },

    /**
     * A notification to a lite session (one without an SDK face, ADR 0017): its SDK server would have nothing to do
     * with it (no request of its own in flight, no handler of ours), so it is answered 202 as the SDK answers it,
     * without building the face. False when the SDK should take it.
     */
    tryNotify(lite: boolean, req: IncomingMessage, res: ServerResponse, body: unknown): boolean {
      if (!lite || !isPlainNotification(req, body)) return false;
      res.writeHead(202).end();
      return true;
    },

    /**
     * A message for the fast path from the agent: the response to a request it sent, or `notifications/cancelled`
     * for one of its calls. Answers 202 and returns true when it took the message.
     */
    tryRoute(session: FastSession, res: ServerResponse, body: unknown): boolean {
      const state = states.get(session);
      if (!state || !isObject(body) || body.jsonrpc !== '2.0') return false;
      if (body.method === undefined && typeof body.id === 'string' && state.waiting.has(body.id)) {
        const w = state.waiting.get(body.id)!;
        if (isObject(body.error)) {
          const e = body.error;
          w.reject(new ProtocolError(Number(e.code), String(e.message), e.data));
        } else w.resolve(body.result);
        res.writeHead(202).end();
        return true;
      }
      if (body.method === 'notifications/cancelled' && isObject(body.params) && isId(body.params.requestId)) {
        const cancel = state.calls.get(body.params.requestId);
        if (!cancel) return false;
        cancel(new Error(typeof body.params.reason === 'string' ? body.params.reason : 'cancelled by the agent'));
        res.writeHead(202).end();
        return true;
      }
      return false;
    },
  };
}

export type FastPath = ReturnType<typeof createFastPath>;
