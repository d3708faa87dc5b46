/** Bounded walk over JSON Schemas: the field names, types, enums and descriptions a tool exposes. */
import type { JsonObject } from '../core/tool.js';
import { notCredentialBefore } from './lexicon.js';
import { joinCompounds, splitIdentifier, stem } from './tokens.js';

export interface SchemaField {
  /** The property name as written. */
  name: string;
  /** Stemmed words of the name, compounds joined ("apiKey" → ["apikey"]). */
  words: string[];
  /** Stemmed name without separators ("first_name" → "firstname"). */
  joined: string;
  type?: string;
  /** Never mutated: fields without an enum share one empty list. */
  enumValues: readonly string[];
  description: string;
  depth: number;
  /** Stemmed name of the property (or array) this field belongs to, when nested. */
  parent?: string | undefined;
  /** The field belongs to the records of a list (its parent property is an array). */
  inList?: boolean;
  /** Stemmed name of the parent's own parent property, when there is one ("data" for `data.attributes.x`). */
  grandparent?: string | undefined;
}

const nameCache = new Map<string, { words: string[]; joined: string }>();
function analyseName(name: string): { words: string[]; joined: string } {
  let hit = nameCache.get(name);
  if (!hit) {
    const words = joinCompounds(splitIdentifier(name).map(stem));
    hit = { words, joined: words.join('') };
    if (nameCache.size > 50_000) nameCache.clear();
    nameCache.set(name, hit);
  }
  return hit;
}

const composers = ['allOf', 'anyOf', 'oneOf'] as const;
/** The enum values of a field that has none: one shared, frozen list (most fields have none; speed). */
const noValues: readonly string[] = Object.freeze([]);

/**
 * Collect properties of a schema (nested objects, arrays, allOf/anyOf/oneOf), bounded and cycle-safe.
 * Signals live near the top of a schema; `maxNodes` and `maxDepth` keep huge resolved schemas cheap.
 * Every field is built with all its keys (one object shape: the rules that read fields stay monomorphic; speed,
 * docs/adr/0017 Decision 41).
 */
export function collectFields(schema: JsonObject | undefined, maxNodes = 200, maxDepth = 3): SchemaField[] {
  const out: SchemaField[] = [];
  if (!schema) return out;
  new FieldWalk(out, maxNodes, maxDepth).visit(schema, 0, undefined, false, undefined);
  return out;
}

/** One walk's state (a class, not two closures made per call; docs/adr/0017 Decision 42). */
class FieldWalk {
  private readonly seen = new Set<object>();
  constructor(
    private readonly out: SchemaField[],
    private budget: number,
    private readonly maxDepth: number,
  ) {}

  visitAll(list: unknown, depth: number, parent: string | undefined, inList: boolean, grandparent: string | undefined) {
    if (Array.isArray(list)) for (const sub of list) this.visit(sub, depth, parent, inList, grandparent);
  }

  visit(node: unknown, depth: number, parent: string | undefined, inList: boolean, grandparent: string | undefined) {
    if (this.budget <= 0 || depth > this.maxDepth || !isObject(node) || this.seen.has(node)) return;
    this.seen.add(node);
    this.budget--;
    this.visitAll(node.allOf, depth, parent, inList, grandparent);
    this.visitAll(node.anyOf, depth, parent, inList, grandparent);
    this.visitAll(node.oneOf, depth, parent, inList, grandparent);
    // The records of a list belong to the list's property ("members[].email": parent "member").
    const items = node.items;
    if (isObject(items)) this.visit(items, depth, parent, inList, grandparent);
    const props = node.properties;
    if (!isObject(props)) return;
    // Keys, not entries: a response schema may have hundreds of properties and the budget reads only the first few.
    for (const name of Object.keys(props)) {
      if (this.budget <= 0) return;
      const sub = props[name];
      const { words, joined } = analyseName(name);
      let type: string | undefined;
      let enumValues = noValues;
      let description = '';
      if (isObject(sub)) {
        const t = sub.type ?? composedType(sub);
        if (typeof t === 'string') type = t;
        else if (Array.isArray(t)) type = t.filter((x) => x !== 'null').map(String)[0];
        const en = sub.enum ?? (isObject(sub.items) ? sub.items.enum : undefined);
        if (Array.isArray(en)) enumValues = en.filter((x): x is string => typeof x === 'string');
        if (typeof sub.description === 'string') description = sub.description;
      }
      this.out.push({ name, words, joined, type, enumValues, description, depth, parent, inList, grandparent });
      this.visit(sub, depth + 1, words[words.length - 1], type === 'array', parent);
    }
  }
}

/** The type of a schema that only composes others (`allOf: [{type: string}, {description}]`, as AWS specs do). */
function composedType(node: JsonObject): unknown {
  for (const key of composers) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    for (const sub of list) if (isObject(sub) && sub.type !== undefined && sub.type !== 'null') return sub.type;
  }
  return undefined;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Secret words whose string field carries the secret ("SecretString", "password_text"), unless it names metadata. */
const secretWords = new Set([
  'secret',
  'password',
  'passphrase',
  'token',
  'apikey',
  'privatekey',
  'secretkey',
  'credential',
]);
export const metadataTails: ReadonlySet<string> = new Set(
  'id ids arn name names version versions date time created updated expiry expiration expire count type status state description enabled label labels policy rotation stage stages'.split(
    ' ',
  ),
);
/**
 * A field named like a secret's value ("SecretString", "password_text"): a secret word not preceded by a word
 * that makes it something else ("page token", "client token") and not followed by one naming metadata
 * ("SecretId", "tokenType").
 */
export function namedSecret(f: SchemaField): boolean {
  const i = f.words.findIndex((w) => secretWords.has(w));
  // "clientToken", "clientRequestToken": an idempotency token the caller chose, not a credential.
  const before = f.words[i - 1] ?? '';
  if (i === -1 || notCredentialBefore.has(before) || before === 'client' || before === 'request') return false;
  return (
    !f.words.slice(i + 1).some((w) => metadataTails.has(w)) && !metadataTails.has(f.words[f.words.length - 1] ?? '')
  );
}
