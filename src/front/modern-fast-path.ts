import type { IncomingMessage, ServerResponse } from 'node:http';
import { ProtocolError } from '@modelcontextprotocol/server';
import { isValidCallToolResult } from './call-tool-result.js';
import type { Principal } from '../core/principal.js';
import { createCallAbort } from '../core/call-abort.js';
import {
  SERVER_INFO,
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
const isString = (v: unknown): v is string => typeof v === 'string';

const REVISION = '2026-07-28';
const PROTOCOL_VERSION = 'io.modelcontextprotocol/protocolVersion';
const CLIENT_INFO = 'io.modelcontextprotocol/clientInfo';
const CLIENT_CAPABILITIES = 'io.modelcontextprotocol/clientCapabilities';
const SERVER_INFO_KEY = 'io.modelcontextprotocol/serverInfo';

/** `clientInfo` of the envelope, in the plainest form the SDK's schema takes (anything richer goes to the SDK). */
const isPlainClientInfo = (v: unknown) =>
  isObject(v) &&
  isString(v.name) &&
  isString(v.version) &&
  onlyKeys(v, ['name', 'version', 'title', 'websiteUrl', 'description']) &&
  Object.values(v).every(isString);

/** Client capabilities the fast path takes: `{}` per declared capability, `roots` with at most `listChanged`. */
const isPlainCapabilities = (v: unknown) =>
  isObject(v) &&
  onlyKeys(v, ['sampling', 'elicitation', 'roots']) &&
  Object.entries(v).every(
    ([k, c]) =>
      isObject(c) &&
      (Object.keys(c).length === 0 ||
        (k === 'roots' && onlyKeys(c, ['listChanged']) && typeof c.listChanged === 'boolean')),
  );

/**
 * A plain 2026-07-28 request the fast path serves: `tools/call` (a name, an object of arguments) or `tools/list`
 * (no cursor), with the standard headers matching the body exactly, an envelope of protocol version, client
 * capabilities and at most client info, and nothing that would make the answer stream (no progress token, no log
 * level). Everything else — including every request the SDK would reject — goes to the SDK's handler.
 */
function plainRequest(req: IncomingMessage, body: unknown): { id: Id; method: string; params: Obj } | undefined {
  if (req.method !== 'POST') return undefined;
  const accept = req.headers.accept ?? '';
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) return undefined;
  if (!isObject(body) || body.jsonrpc !== '2.0' || !isId(body.id) || !isObject(body.params)) return undefined;
  if (!onlyKeys(body, ['jsonrpc', 'id', 'method', 'params'])) return undefined;
  const { method, params } = body;
  if (req.headers['mcp-protocol-version'] !== REVISION || req.headers['mcp-method'] !== method) return undefined;
  if (method === 'tools/call') {
    if (!isString(params.name) || req.headers['mcp-name'] !== params.name) return undefined;
    if (!onlyKeys(params, ['name', 'arguments', '_meta'])) return undefined;
    if (params.arguments !== undefined && !isObject(params.arguments)) return undefined;
  } else if (method === 'tools/list') {
    if (req.headers['mcp-name'] !== undefined || !onlyKeys(params, ['_meta'])) return undefined;
  } else return undefined;
  const meta = params._meta;
  if (!isObject(meta) || !onlyKeys(meta, [PROTOCOL_VERSION, CLIENT_INFO, CLIENT_CAPABILITIES])) return undefined;
  if (meta[PROTOCOL_VERSION] !== REVISION || !isPlainCapabilities(meta[CLIENT_CAPABILITIES])) return undefined;
  if (meta[CLIENT_INFO] !== undefined && !isPlainClientInfo(meta[CLIENT_INFO])) return undefined;
  return { id: body.id, method, params };
}

/** As the SDK's 2026 codec encodes a complete result: `resultType`, then the server's identity in `_meta`. */
function stamp(result: Obj): Obj {
  const withType = { ...result, resultType: 'complete' };
  const meta = result._meta;
  if (meta === undefined) return { ...withType, _meta: { [SERVER_INFO_KEY]: SERVER_INFO } };
  if (!isObject(meta) || meta[SERVER_INFO_KEY] !== undefined) return withType;
  return { ...withType, _meta: { ...meta, [SERVER_INFO_KEY]: SERVER_INFO } };
}

const errorMessage = (id: Id, e: unknown): Obj => {
  const err = toProtocolError(e);
  return {
    jsonrpc: '2.0',
    id,
    error: {
      code: err.code === -32002 ? -32602 : err.code,
      message: err.message,
      ...(err.data !== undefined ? { data: err.data } : {}),
    },
  };
};

function sendJson(res: ServerResponse, body: string): void {
  if (res.destroyed) return;
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * The fast path for 2026-07-28 stateless requests (ADR 0017): a plain tools/call or tools/list is served without
 * building a per-request SDK server and transport — the same `serveToolCall` (pipeline, decision, records, error
 * mapping) and the same per-principal tool list as the SDK handlers, answered with one JSON response encoded as the
 * SDK's 2026 codec encodes it. What the answer of such a request cannot contain is what makes it plain: no progress
 * token and no log level, so nothing is sent before the result; upstream log messages are dropped (as the SDK does
 * without a log level) and upstream requests to the agent are refused (as the SDK path refuses them in this era).
 */
export function createModernFastPath(gw: FrontDoorPort, toolLists: ToolListCache) {
  return {
    /** Serves the request if it is plain; false (nothing written) when the SDK's handler should take it. */
    tryServe(
      principal: Principal,
      sourceAddress: string | undefined,
      req: IncomingMessage,
      res: ServerResponse,
      body: unknown,
    ): boolean {
      const plain = plainRequest(req, body);
      if (!plain) return false;
      const opts: AgentServerOptions = {
        principal,
        era: 'modern',
        requestTimeoutMs: gw.server().requestTimeoutMs,
        ...(sourceAddress ? { sourceAddress } : {}),
      };
      if (plain.method === 'tools/list') {
        const { tools, json } = toolLists.list(principal);
        if (tools.some((t) => 'execution' in t)) return false; // the 2026 codec deletes it: leave that to the SDK
        recordToolsListed(gw, opts, tools.length);
        const rest = JSON.stringify({
          resultType: 'complete',
          ttlMs: 0,
          cacheScope: 'private',
          _meta: { [SERVER_INFO_KEY]: SERVER_INFO },
        });
        sendJson(res, `{"result":{"tools":${json},${rest.slice(1)},"jsonrpc":"2.0","id":${JSON.stringify(plain.id)}}`);
        return true;
      }
      // One cancellation per call, shared with the call's deadline: a gone agent is told apart here (no AbortSignal
      // unless a backend asks for one, ADR 0017 Decision 19).
      const ctl = createCallAbort();
      let gone = false;
      const onClose = () => {
        if (res.writableFinished) return;
        gone = true;
        ctl.abort(new Error('the agent closed the connection'));
      };
      res.on('close', onClose);
      const io = {
        abort: ctl,
        channel: {
          request: (method: string) =>
            Promise.reject(
              new ProtocolError(-32601, `${method} from an upstream is not relayed to 2026-07-28 clients yet`),
            ),
          notify: () => Promise.resolve(),
        },
        notify: () => Promise.resolve(),
      };
      const { id } = plain;
      void serveToolCall(gw, opts, plain.params as ToolCallParams, io)
        .then((result) => {
          const r: unknown =
            (result as { content?: unknown }).content === undefined ? { ...result, content: [] } : result;
          if (!isValidCallToolResult(r)) throw new ProtocolError(-32602, 'Invalid tools/call result');
          return { result: stamp(r), jsonrpc: '2.0', id };
        })
        .catch((e: unknown) => errorMessage(id, e))
        .then((message) => {
          res.off('close', onClose);
          // A request the agent abandoned gets no answer (its connection is gone).
          if (!gone) sendJson(res, JSON.stringify(message));
        });
      return true;
    },
  };
}

export type ModernFastPath = ReturnType<typeof createModernFastPath>;
