import type { IncomingHttpHeaders } from 'node:http';
import type { JsonObject } from '../core/tool.js';

/**
 * SEP-2243 (2026-07-28): tool arguments whose schema property carries `x-mcp-header: Name` are mirrored into an
 * `Mcp-Param-Name` request header so that intermediaries can route on them. A gateway must make sure the header
 * and the body agree, or a proxy could be steered by one value while the tool acts on another.
 * Returns a problem description, or undefined when the headers match.
 */
export function checkParamHeaders(
  inputSchema: JsonObject | undefined,
  args: JsonObject | undefined,
  headers: IncomingHttpHeaders,
): string | undefined {
  const props = inputSchema?.properties;
  if (!props || typeof props !== 'object') return undefined;
  for (const [param, raw] of Object.entries(props as Record<string, unknown>)) {
    const name = (raw as { 'x-mcp-header'?: unknown } | null)?.['x-mcp-header'];
    if (typeof name !== 'string' || name === '') continue;
    const value = args?.[param];
    const header = headers[`mcp-param-${name.toLowerCase()}`];
    const headerValue = Array.isArray(header) ? header.join(',') : header;
    if (value === undefined || value === null) continue;
    if (headerValue === undefined)
      return `Mcp-Param-${name} header is required: argument "${param}" is present in the body`;
    const decoded = decodeHeaderValue(headerValue.trim());
    if (decoded === undefined) return `Mcp-Param-${name} header is not valid Base64`;
    const expected =
      typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : undefined;
    if (expected === undefined || decoded !== expected)
      return `Mcp-Param-${name} header does not match argument "${param}"`;
  }
  return undefined;
}

const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** `=?base64?...?=` is strict Base64 (padding required); anything else is the literal value. */
function decodeHeaderValue(v: string): string | undefined {
  const m = /^=\?base64\?(.*)\?=$/.exec(v);
  if (!m) return v;
  const body = m[1]!;
  if (!B64.test(body)) return undefined;
  return Buffer.from(body, 'base64').toString('utf8');
}
