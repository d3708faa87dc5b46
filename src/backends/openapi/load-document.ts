/**
 * Loads an OpenAPI document (JSON or YAML, from a file or a URL) and every external document its
 * `$ref`s point to, so that reference resolution afterwards is synchronous.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileURLToPath } from 'node:url';

const MAX_SPEC_BYTES = 100 * 1024 * 1024;
const MAX_EXTERNAL_DOCS = 200;
const FETCH_TIMEOUT_MS = 30_000;

export interface DocumentSet {
  /** href (without fragment) of the root document. */
  rootHref: string;
  root: unknown;
  /** Every loaded document by href (without fragment). */
  docs: Map<string, unknown>;
}

/** Turns a file path or URL into an absolute href. */
export function toHref(source: string, cwd = process.cwd()): string {
  if (/^https?:\/\//i.test(source) || source.startsWith('file:')) return new URL(source).href;
  return pathToFileURL(isAbsolute(source) ? source : resolvePath(cwd, source)).href;
}

/** Parses JSON (fast path) or YAML; the YAML parser is loaded only when a YAML document is met. */
export async function parseDocumentText(text: string, href: string): Promise<unknown> {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch (e) {
      // Some YAML files start with a flow mapping; fall through to YAML.
      if (/\.json$/i.test(href))
        // eslint-disable-next-line preserve-caught-error -- its message quotes the document (see jsonErrorWhere)
        throw new Error(`Invalid JSON in ${displayHref(href)}${jsonErrorWhere(text, trimmed, e)}`);
    }
  }
  const { parse: parseYaml } = await import('yaml');
  try {
    return parseYaml(text, { maxAliasCount: 10_000, uniqueKeys: false }) as unknown;
  } catch (e) {
    // eslint-disable-next-line preserve-caught-error -- its message quotes the document (see jsonErrorWhere)
    throw new Error(`Cannot parse ${displayHref(href)} as JSON or YAML${yamlErrorWhere(e)}`);
  }
}

/*
 * A parser's message can quote the document (V8's JSON.parse: `Unexpected token 'x', ..."{"token": sk-li"... is not
 * valid JSON`; the YAML parser: a code frame of the line), and a spec may hold a secret (an example key, a token in a
 * server URL): errors name the file, line, column and what is wrong, never any of its text. No `cause` either, so
 * that nothing printing the chain can show the parser's message.
 */

/** `: line L, column C: what` for a JSON.parse error, from its position when it gives one, without quoting the text. */
function jsonErrorWhere(text: string, trimmed: string, e: unknown): string {
  const message = (e as Error).message;
  const lc = /\(line (\d+) column (\d+)\)/.exec(message);
  const pos = /at position (\d+)/.exec(message);
  let where = '';
  if (lc) where = `, line ${lc[1]}, column ${lc[2]}`;
  else if (pos) {
    const offset = text.length - trimmed.length + Number(pos[1]);
    const before = text.slice(0, offset).split('\n');
    where = `, line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
  }
  const what =
    /^(Unexpected end of JSON input|Unterminated string|Bad control character|Bad escaped character|Expected [^"]*?(?= in JSON| after|$)|Unexpected (token|non-whitespace character|string|number))/.exec(
      message,
    )?.[0];
  return `${where}: ${what ? what.replace(/^Unexpected token$/, 'unexpected character').toLowerCase() : 'not valid JSON'}`;
}

/** `: line L, column C: what` for a YAML parse error (its code, such as BAD_INDENT), without its code frame. */
function yamlErrorWhere(e: unknown): string {
  const { linePos, code } = (e ?? {}) as { linePos?: Array<{ line: number; col: number }>; code?: unknown };
  const at = linePos?.[0];
  const where = at ? `, line ${at.line}, column ${at.col}` : '';
  return `${where}: ${typeof code === 'string' ? code.toLowerCase().replace(/_/g, ' ') : 'not valid YAML'}`;
}

export function displayHref(href: string): string {
  return href.startsWith('file:') ? fileURLToPath(href) : href;
}

async function readHref(href: string): Promise<string> {
  if (href.startsWith('file:')) {
    const buf = await readFile(fileURLToPath(href));
    if (buf.byteLength > MAX_SPEC_BYTES) throw new Error(`${displayHref(href)} is larger than ${MAX_SPEC_BYTES} bytes`);
    return buf.toString('utf8');
  }
  const res = await fetch(href, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
  if (!res.ok) throw new Error(`Fetching ${href} failed: HTTP ${res.status}`);
  const text = await res.text();
  if (text.length > MAX_SPEC_BYTES) throw new Error(`${href} is larger than ${MAX_SPEC_BYTES} bytes`);
  return text;
}

/** Quick test on the raw text: does it contain any `$ref` that does not start with `#`? */
function mayHaveExternalRefs(text: string): boolean {
  return /["']?\$ref["']?\s*:\s*["']?(?!#)[^\s"'#][^\s"']*/.test(text);
}

function collectExternalRefs(node: unknown, baseHref: string, out: Set<string>): void {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const cur = stack.pop();
    if (Array.isArray(cur)) {
      for (const v of cur) if (v !== null && typeof v === 'object') stack.push(v);
    } else if (cur !== null && typeof cur === 'object') {
      for (const [k, v] of Object.entries(cur)) {
        if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) {
          try {
            const u = new URL(v, baseHref);
            u.hash = '';
            out.add(u.href);
          } catch {
            // unresolvable reference; reported when resolved
          }
        } else if (v !== null && typeof v === 'object') stack.push(v);
      }
    }
  }
}

export async function loadDocumentSet(source: string): Promise<DocumentSet> {
  const rootHref = toHref(source);
  const docs = new Map<string, unknown>();
  const pending: string[] = [rootHref];
  while (pending.length > 0) {
    const href = pending.shift()!;
    if (docs.has(href)) continue;
    if (docs.size >= MAX_EXTERNAL_DOCS) throw new Error(`Too many external documents (> ${MAX_EXTERNAL_DOCS})`);
    const text = await readHref(href);
    const doc = await parseDocumentText(text, href);
    docs.set(href, doc);
    if (mayHaveExternalRefs(text)) {
      const refs = new Set<string>();
      collectExternalRefs(doc, href, refs);
      for (const r of refs) if (!docs.has(r)) pending.push(r);
    }
  }
  return { rootHref, root: docs.get(rootHref), docs };
}
