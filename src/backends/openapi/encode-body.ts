/** Request body encoding for the content types real specs use. */
import { randomBytes } from 'node:crypto';
import { encodePairs, queryPairs, scalarText } from './serialize-params.js';
import type { PropertyEncoding } from './types.js';

export interface EncodedBody {
  contentType: string;
  body: Buffer;
}

export class BodyEncodingError extends Error {
  override readonly name = 'BodyEncodingError';
}

interface FileValue {
  data: Buffer;
  filename?: string;
  contentType?: string;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A binary argument: text, or `{ base64, filename?, contentType? }`. */
export function asFile(v: unknown): FileValue | undefined {
  if (typeof v === 'string') return { data: Buffer.from(v, 'utf8') };
  if (
    isPlainObject(v) &&
    typeof v.base64 === 'string' &&
    Object.keys(v).every((k) => k === 'base64' || k === 'filename' || k === 'contentType')
  ) {
    if (!/^[A-Za-z0-9+/=\s_-]*$/.test(v.base64)) throw new BodyEncodingError('base64: not valid base64');
    return {
      data: Buffer.from(v.base64, 'base64'),
      ...(typeof v.filename === 'string' ? { filename: v.filename } : {}),
      ...(typeof v.contentType === 'string' ? { contentType: v.contentType } : {}),
    };
  }
  return undefined;
}

function baseType(ct: string): string {
  return ct.split(';')[0]!.trim().toLowerCase();
}

export function isJsonType(ct: string): boolean {
  const b = baseType(ct);
  return b === 'application/json' || b.endsWith('+json') || b === 'text/json';
}

function encodeForm(value: unknown, encoding: Record<string, PropertyEncoding>): Buffer {
  if (!isPlainObject(value)) throw new BodyEncodingError('body: a form body must be an object');
  const pairs: [string, string][] = [];
  for (const [prop, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const e = encoding[prop];
    if (e?.contentType && isJsonType(e.contentType)) {
      pairs.push([prop, JSON.stringify(v)]);
      continue;
    }
    const style = e?.style ?? 'form';
    const explode = e?.explode ?? style === 'form';
    // form style cannot express nesting below one level: nested values are sent as JSON text.
    const flat = style === 'deepObject' ? v : flattenNested(v);
    pairs.push(...queryPairs(prop, flat, style, explode));
  }
  return Buffer.from(encodePairs(pairs), 'utf8');
}

function flattenNested(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x: unknown) => (x !== null && typeof x === 'object' ? JSON.stringify(x) : x));
  if (isPlainObject(v))
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, x !== null && typeof x === 'object' ? JSON.stringify(x) : x]),
    );
  return v;
}

function quoteName(s: string): string {
  return s.replace(/["\\\r\n]/g, (c) => (c === '"' ? '%22' : c === '\\' ? '\\\\' : ' '));
}

function encodeMultipart(
  value: unknown,
  encoding: Record<string, PropertyEncoding>,
  binaryProps: ReadonlySet<string>,
): EncodedBody {
  if (!isPlainObject(value)) throw new BodyEncodingError('body: a multipart body must be an object');
  const boundary = `----portcullis${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  const part = (name: string, data: Buffer, contentType?: string, filename?: string): void => {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoteName(name)}"`;
    if (filename !== undefined) head += `; filename="${quoteName(filename)}"`;
    head += '\r\n';
    if (contentType) head += `Content-Type: ${contentType.replace(/[\r\n]/g, '')}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, 'utf8'), data, Buffer.from('\r\n', 'utf8'));
  };
  for (const [prop, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const declared = encoding[prop]?.contentType;
    if (binaryProps.has(prop)) {
      const f = asFile(v);
      if (!f) throw new BodyEncodingError(`${prop}: expected file content`);
      part(prop, f.data, f.contentType ?? declared ?? 'application/octet-stream', f.filename ?? prop);
    } else if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) {
      for (const x of v) part(prop, Buffer.from(scalarText(x), 'utf8'), declared);
    } else if (v !== null && typeof v === 'object') {
      part(prop, Buffer.from(JSON.stringify(v), 'utf8'), declared ?? 'application/json');
    } else {
      part(prop, Buffer.from(scalarText(v), 'utf8'), declared);
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/**
 * Encodes a body value for one content type. `binaryProps` names multipart properties that carry files.
 */
export function encodeBody(
  contentType: string,
  value: unknown,
  encoding: Record<string, PropertyEncoding>,
  binaryProps: ReadonlySet<string> = new Set(),
): EncodedBody {
  const b = baseType(contentType);
  if (isJsonType(contentType)) return { contentType, body: Buffer.from(JSON.stringify(value), 'utf8') };
  if (b === 'application/x-www-form-urlencoded') return { contentType, body: encodeForm(value, encoding) };
  if (b === 'multipart/form-data') return encodeMultipart(value, encoding, binaryProps);
  if (b.startsWith('text/') || b === 'application/xml') {
    return { contentType, body: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8') };
  }
  const f = asFile(value);
  if (f)
    return { contentType: b === '*/*' ? (f.contentType ?? 'application/octet-stream') : contentType, body: f.data };
  return { contentType, body: Buffer.from(JSON.stringify(value), 'utf8') };
}
