import { createHash } from 'node:crypto';
import { canonicalize } from '../audit/canonical-json.js';
import type { JsonObject } from '../core/tool.js';

/** What a pin covers: tools and prompts. */
export type PinKind = 'tool' | 'prompt';

/** Where a signature travels in a definition's `_meta` (served by Portcullis, or sent by a signing upstream). */
export const SIGNATURE_META_KEY = 'io.portcullis/signature';

const TOOL_FIELDS = ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations', '_meta'] as const;
const PROMPT_FIELDS = ['name', 'title', 'description', 'arguments', '_meta'] as const;

/**
 * The part of a definition a pin covers: everything the upstream says about the tool (name, title, description,
 * input and output schema, annotations, `_meta`) except a signature in `_meta` (a re-signed but otherwise equal
 * definition is the same definition). Unknown top-level fields are left out: they are not served either.
 */
export function pinnedFields(kind: PinKind, def: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const f of kind === 'tool' ? TOOL_FIELDS : PROMPT_FIELDS) {
    const v = def[f];
    if (v === undefined) continue;
    if (f === '_meta' && v && typeof v === 'object' && !Array.isArray(v)) {
      const { [SIGNATURE_META_KEY]: _sig, ...rest } = v as JsonObject;
      if (Object.keys(rest).length > 0) out._meta = rest;
      continue;
    }
    out[f] = v;
  }
  return out;
}

const cache = new WeakMap<object, { kind: PinKind; hash: string; fields: JsonObject }>();

/**
 * SHA-256 (hex) over the RFC 8785 canonical JSON of the pinned fields. Memoised per definition object: a catalog
 * rebuild re-hashes only definitions the backend replaced.
 */
export function pinOf(kind: PinKind, def: JsonObject): { hash: string; fields: JsonObject } {
  const hit = cache.get(def);
  if (hit && hit.kind === kind) return hit;
  const fields = pinnedFields(kind, def);
  const hash = createHash('sha256').update(canonicalize(fields)).digest('hex');
  cache.set(def, { kind, hash, fields });
  return { hash, fields };
}

export interface DefinitionChange {
  /** JSON pointer of the changed value (`/description`, `/inputSchema/properties/to`). */
  path: string;
  before?: unknown;
  after?: unknown;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** The changed leaves between two definitions (objects recursed; arrays and scalars compared whole). */
export function diffDefinitions(before: unknown, after: unknown, path = ''): DefinitionChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffDefinitions(before[k], after[k], `${path}/${escape(k)}`));
  }
  if (before === undefined && after === undefined) return [];
  if (before !== undefined && after !== undefined && canonicalize(before) === canonicalize(after)) return [];
  return [
    {
      path: path || '/',
      ...(before !== undefined ? { before } : {}),
      ...(after !== undefined ? { after } : {}),
    },
  ];
}
