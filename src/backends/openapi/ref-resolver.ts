/** Synchronous `$ref` resolution over a preloaded document set (local pointers and external documents). */
import type { DocumentSet } from './load-document.js';

export interface Resolved {
  value: unknown;
  /** href of the document the value lives in (base for refs inside it). */
  baseHref: string;
  /** Canonical id: documentHref#pointer. */
  id: string;
}

const MAX_REF_HOPS = 32;

function decodePointer(fragment: string): string[] {
  if (fragment === '' || fragment === '/') return fragment === '/' ? [''] : [];
  let f = fragment;
  try {
    f = decodeURIComponent(fragment);
  } catch {
    // keep raw
  }
  return f
    .replace(/^\//, '')
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function createRefResolver(set: DocumentSet) {
  const cache = new Map<string, Resolved | null>();

  /** Resolves one `$ref` string relative to baseHref; undefined when it points nowhere. */
  function resolveRef(ref: string, baseHref: string): Resolved | undefined {
    const key = ref.startsWith('#') ? `${baseHref}${ref}` : `${baseHref} ${ref}`;
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = resolveUncached(ref, baseHref) ?? null;
      cache.set(key, hit);
    }
    return hit ?? undefined;
  }

  function resolveUncached(ref: string, baseHref: string): Resolved | undefined {
    let fragment: string;
    let docHref: string;
    if (ref.startsWith('#')) {
      fragment = ref.slice(1);
      docHref = baseHref;
    } else {
      let url: URL;
      try {
        url = new URL(ref, baseHref);
      } catch {
        return undefined;
      }
      fragment = url.hash.replace(/^#/, '');
      url.hash = '';
      docHref = url.href;
    }
    const doc = set.docs.get(docHref);
    if (doc === undefined) return undefined;
    let cur: unknown = doc;
    for (const token of decodePointer(fragment)) {
      if (Array.isArray(cur)) cur = cur[Number(token)];
      else if (isObject(cur)) cur = Object.prototype.hasOwnProperty.call(cur, token) ? cur[token] : undefined;
      else return undefined;
      if (cur === undefined) return undefined;
    }
    return { value: cur, baseHref: docHref, id: `${docHref}#${fragment}` };
  }

  /**
   * Follows a chain of `$ref`s (for non-schema objects: parameters, request bodies, responses,
   * path items). Returns the node itself when it is not a reference.
   */
  function deref(node: unknown, baseHref: string): { value: unknown; baseHref: string } {
    let cur = node;
    let base = baseHref;
    for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
      if (!isObject(cur) || typeof cur.$ref !== 'string') return { value: cur, baseHref: base };
      const r = resolveRef(cur.$ref, base);
      if (!r) return { value: undefined, baseHref: base };
      cur = r.value;
      base = r.baseHref;
    }
    return { value: undefined, baseHref: base };
  }

  return { resolveRef, deref, rootHref: set.rootHref, root: set.root };
}

export type RefResolver = ReturnType<typeof createRefResolver>;
