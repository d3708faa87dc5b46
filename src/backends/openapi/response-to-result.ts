/** Maps an HTTP response onto an MCP tool result. */
import type { ContentBlock, JsonObject, ToolResult } from '../../core/tool.js';
import type { HttpResponse } from './http-executor.js';

const MAX_ERROR_BODY = 2000;
/** Redirects that name a target (RFC 9110 §15.4); 300 and 304 are answers, not redirects. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function baseType(ct: string | undefined): string {
  return (ct ?? '').split(';')[0]!.trim().toLowerCase();
}

function isJson(ct: string): boolean {
  return ct === 'application/json' || ct.endsWith('+json') || ct === 'text/json';
}

function isTextual(ct: string): boolean {
  return (
    ct.startsWith('text/') ||
    isJson(ct) ||
    /^application\/(xml|javascript|x-yaml|yaml|x-www-form-urlencoded)$/.test(ct) ||
    ct.endsWith('+xml')
  );
}

export function truncationMarker(limit: number): string {
  return `\n[truncated: the response exceeded ${limit} bytes]`;
}

export function responseToResult(
  res: HttpResponse,
  opts: { hasOutputSchema: boolean; maxResponseBytes: number; redact(text: string): string },
): ToolResult {
  const ct = baseType(res.headers['content-type']);
  const marker = res.truncated ? truncationMarker(opts.maxResponseBytes) : '';
  const location = res.headers.location;
  if (REDIRECTS.has(res.status) && typeof location === 'string') {
    // Not followed (http-executor.ts): the redirect names another operation, which policy has not allowed for this
    // call. The agent learns where (origin and path; a query can carry a signed token) and may call that tool.
    let where: string;
    try {
      const u = new URL(location, res.url);
      where = u.origin === res.url.origin ? u.pathname : `${u.origin}${u.pathname}`;
    } catch {
      where = 'an invalid location';
    }
    return {
      content: [
        {
          type: 'text',
          text: opts.redact(
            `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}: the API redirected to ${where}; the gateway follows no redirect (the target is another operation, not authorized for this call): call the tool for it instead`,
          ),
        },
      ],
      isError: true,
    };
  }
  if (res.status >= 400) {
    let text = opts.redact(res.body.toString('utf8')).trim().replace(/\s+/g, ' ');
    if (text.length > MAX_ERROR_BODY) text = `${text.slice(0, MAX_ERROR_BODY)}…`;
    return {
      content: [
        {
          type: 'text',
          text: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}${text ? `: ${text}` : ''}`,
        },
      ],
      isError: true,
    };
  }
  if (res.body.byteLength === 0) {
    return {
      content: [{ type: 'text', text: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''} (empty body)` }],
    };
  }
  if (ct === '' || isTextual(ct)) {
    const text = opts.redact(res.body.toString('utf8'));
    const result: ToolResult = { content: [{ type: 'text', text: `${text}${marker}` }] };
    if (!res.truncated && (isJson(ct) || ct === '') && opts.hasOutputSchema) {
      try {
        const parsed = JSON.parse(text) as unknown;
        if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
          result.structuredContent = parsed as JsonObject;
      } catch {
        // not JSON after all: text only
      }
    }
    return result;
  }
  if (res.truncated) {
    return {
      content: [
        { type: 'text', text: `Binary response (${ct}) larger than ${opts.maxResponseBytes} bytes; not returned.` },
      ],
    };
  }
  const data = res.body.toString('base64');
  const block: ContentBlock =
    ct.startsWith('image/') || ct.startsWith('audio/')
      ? { type: ct.startsWith('image/') ? 'image' : 'audio', data, mimeType: ct }
      : {
          type: 'resource',
          resource: { uri: opts.redact(`${res.url.origin}${res.url.pathname}`), mimeType: ct, blob: data },
        };
  return { content: [{ type: 'text', text: `Binary response: ${res.body.byteLength} bytes of ${ct}.` }, block] };
}
