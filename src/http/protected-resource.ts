import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authentication } from '../authn/index.js';
import { HttpError, sendHttpError } from './http-error.js';

export const PROTECTED_RESOURCE_PATH = '/.well-known/oauth-protected-resource';
const WELL_KNOWN = PROTECTED_RESOURCE_PATH;

/**
 * RFC 9728 Protected Resource Metadata: at the well-known root and at the path-suffixed form for the resource
 * (`/.well-known/oauth-protected-resource/mcp`). Public and cacheable; 404 when OAuth is not configured.
 */
export function serveProtectedResourceMetadata(
  auth: Authentication,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): boolean {
  if (url.pathname !== WELL_KNOWN && !url.pathname.startsWith(`${WELL_KNOWN}/`)) return false;
  const meta = auth.resourceMetadata;
  const cors = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, OPTIONS' };
  if (req.method === 'OPTIONS') return (res.writeHead(204, cors).end(), true);
  if (!meta || (url.pathname !== WELL_KNOWN && url.pathname !== meta.path)) {
    sendHttpError(res, new HttpError('request.not_found', undefined, cors));
    return true;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendHttpError(
      res,
      new HttpError('request.method_not_allowed', undefined, { allow: 'GET, HEAD, OPTIONS', ...cors }),
    );
    return true;
  }
  res
    .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=300', ...cors })
    .end(JSON.stringify(meta.document));
  return true;
}
