/**
 * Converts OpenAPI 3.0 / 3.1 / Swagger 2.0 schema objects into self-contained JSON Schema 2020-12.
 *
 * References are inlined, bounded two ways so that recursive schemas and huge reference graphs can
 * neither loop nor explode: a reference is expanded at most `maxRefDepth` levels deep (beyond that,
 * and on cycles, it becomes a permissive stub carrying the target's type), and an expansion larger than
 * `maxNodes` schema nodes falls back to a shallower expansion. Expansions are memoised per
 * (reference, mode, depth) and shared between tools, so memory stays proportional to the spec.
 */
import type { JsonObject } from '../../core/tool.js';
import { isObject, type RefResolver } from './ref-resolver.js';

export type SchemaMode = 'input' | 'output';

interface Converted {
  schema: JsonObject | boolean;
  size: number;
}

export interface SchemaConverterOptions {
  maxRefDepth?: number;
  maxNodes?: number;
  /** Total node budget of one converted input schema (parameter or body). */
  maxInputNodes?: number;
  /** Total node budget of one output schema; outputs are informative, so kept small. */
  maxOutputNodes?: number;
  maxOutputRefDepth?: number;
  /** Longest description kept inside a schema (the tool description itself is not affected). */
  maxDescription?: number;
}

const VALID_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']);
const COPY_KEYWORDS = [
  'title',
  'description',
  'format',
  'const',
  'default',
  'multipleOf',
  'maximum',
  'minimum',
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'contentMediaType',
  'contentEncoding',
] as const;
const SCHEMA_ARRAYS = ['allOf', 'anyOf', 'oneOf'] as const;

export function createSchemaConverter(
  resolver: RefResolver,
  warn: (message: string) => void,
  options: SchemaConverterOptions = {},
) {
  const maxRefDepth = options.maxRefDepth ?? 6;
  const maxNodes = options.maxNodes ?? 1500;
  const maxInputNodes = options.maxInputNodes ?? 1000;
  const maxDescription = options.maxDescription ?? 400;
  const maxNestedDescription = Math.min(maxDescription, 120);
  const maxOutputNodes = options.maxOutputNodes ?? 600;
  const maxOutputRefDepth = options.maxOutputRefDepth ?? 3;
  const memo = new Map<string, Converted>();
  const patternOk = new Map<string, boolean>();
  const warned = new Set<string>();

  const warnOnce = (msg: string): void => {
    if (warned.has(msg)) return;
    warned.add(msg);
    warn(msg);
  };

  function validPattern(p: string): boolean {
    let ok = patternOk.get(p);
    if (ok === undefined) {
      try {
        new RegExp(p);
        ok = true;
      } catch {
        ok = false;
        warnOnce(`dropped invalid regular expression pattern ${JSON.stringify(p.slice(0, 80))}`);
      }
      patternOk.set(p, ok);
    }
    return ok;
  }

  function stub(target: unknown, id: string): Converted {
    const out: JsonObject = { description: `${shortName(id)} (not expanded: recursive or too deep)` };
    if (isObject(target) && typeof target.type === 'string' && VALID_TYPES.has(target.type)) out.type = target.type;
    return { schema: out, size: 1 };
  }

  function convertRef(ref: string, base: string, depth: number, mode: SchemaMode): Converted {
    const r = resolver.resolveRef(ref, base);
    if (!r) {
      warnOnce(`unresolved $ref ${ref}`);
      return { schema: { description: `Unresolved reference ${ref}` }, size: 1 };
    }
    if (depth <= 0) return stub(r.value, r.id);
    const key = `${mode}|${depth}|${r.id}`;
    const hit = memo.get(key);
    if (hit) return hit;
    let c = convert(r.value, r.baseHref, depth - 1, mode);
    if (c.size > maxNodes) c = convertRef(ref, base, depth - 1, mode);
    memo.set(key, c);
    return c;
  }

  function isHidden(node: unknown, base: string, mode: SchemaMode): boolean {
    let target = node;
    if (isObject(node) && typeof node.$ref === 'string') target = resolver.resolveRef(node.$ref, base)?.value;
    if (!isObject(target)) return false;
    return mode === 'input' ? target.readOnly === true : target.writeOnly === true;
  }

  function convert(node: unknown, base: string, depth: number, mode: SchemaMode): Converted {
    if (typeof node === 'boolean') return { schema: node, size: 1 };
    if (!isObject(node)) return { schema: {}, size: 1 };
    if (typeof node.$ref === 'string') {
      const c = convertRef(node.$ref, base, depth, mode);
      if (mode === 'input' && typeof node.description === 'string' && isObject(c.schema)) {
        return { schema: { ...c.schema, description: node.description }, size: c.size };
      }
      return c;
    }
    const out: JsonObject = {};
    let size = 1;
    const nullable = node.nullable === true || node['x-nullable'] === true;
    let wrapNull = false;

    let type: unknown = node.type === 'file' ? 'string' : node.type;
    if (node.type === 'file' && node.format === undefined) out.format = 'binary';
    if (typeof type === 'string' && !VALID_TYPES.has(type)) type = undefined;
    if (Array.isArray(type)) type = type.filter((t) => typeof t === 'string' && VALID_TYPES.has(t));
    if (nullable) {
      if (typeof type === 'string') type = type === 'null' ? type : [type, 'null'];
      else if (Array.isArray(type) && !type.includes('null')) type = [...(type as string[]), 'null'];
      else if (type === undefined) wrapNull = true;
    }
    if (type !== undefined && !(Array.isArray(type) && type.length === 0)) out.type = type;

    if (mode === 'output') {
      // Output schemas describe structure only: real APIs drift from their specs (new enum values,
      // missing "required" fields, extra properties), and clients validate structuredContent against
      // the schema, so constraints and prose are left out.
      return convertOutputRest(node, out, size, base, depth, wrapNull);
    }
    for (const k of COPY_KEYWORDS) if (node[k] !== undefined) out[k] = node[k];
    // Prose dominates big schemas (Kubernetes objects): long below the first levels, short deeper down.
    const cap = depth >= maxRefDepth ? maxDescription : maxNestedDescription;
    if (typeof out.description === 'string' && out.description.length > cap)
      out.description = `${out.description.slice(0, cap - 1)}…`;
    if (Array.isArray(node.enum)) {
      out.enum = nullable && !node.enum.includes(null) ? [...(node.enum as unknown[]), null] : node.enum;
    }
    if (typeof node.exclusiveMinimum === 'number') out.exclusiveMinimum = node.exclusiveMinimum;
    else if (node.exclusiveMinimum === true && typeof node.minimum === 'number') {
      out.exclusiveMinimum = node.minimum;
      delete out.minimum;
    }
    if (typeof node.exclusiveMaximum === 'number') out.exclusiveMaximum = node.exclusiveMaximum;
    else if (node.exclusiveMaximum === true && typeof node.maximum === 'number') {
      out.exclusiveMaximum = node.maximum;
      delete out.maximum;
    }
    if (typeof node.pattern === 'string' && validPattern(node.pattern)) out.pattern = node.pattern;

    const hidden = new Set<string>();
    if (isObject(node.properties)) {
      const props: JsonObject = {};
      for (const [name, child] of Object.entries(node.properties)) {
        if (isHidden(child, base, mode)) {
          hidden.add(name);
          continue;
        }
        const c = convert(child, base, depth, mode);
        props[name] = c.schema;
        size += c.size;
      }
      out.properties = props;
    }
    if (Array.isArray(node.required)) {
      const req = node.required.filter((r): r is string => typeof r === 'string' && !hidden.has(r));
      if (req.length > 0) out.required = [...new Set(req)];
    }
    if (typeof node.additionalProperties === 'boolean') out.additionalProperties = node.additionalProperties;
    else if (isObject(node.additionalProperties)) {
      const c = convert(node.additionalProperties, base, depth, mode);
      out.additionalProperties = c.schema;
      size += c.size;
    }
    if (isObject(node.patternProperties)) {
      const pp: JsonObject = {};
      for (const [p, child] of Object.entries(node.patternProperties)) {
        if (!validPattern(p)) continue;
        const c = convert(child, base, depth, mode);
        pp[p] = c.schema;
        size += c.size;
      }
      out.patternProperties = pp;
    }
    if (Array.isArray(node.items) || Array.isArray(node.prefixItems)) {
      const tuple = (Array.isArray(node.prefixItems) ? node.prefixItems : node.items) as unknown[];
      out.prefixItems = tuple.map((t) => {
        const c = convert(t, base, depth, mode);
        size += c.size;
        return c.schema;
      });
    }
    if (isObject(node.items) || typeof node.items === 'boolean') {
      const c = convert(node.items, base, depth, mode);
      out.items = c.schema;
      size += c.size;
    }
    for (const k of SCHEMA_ARRAYS) {
      const list = node[k];
      if (!Array.isArray(list) || list.length === 0) continue;
      const converted = list.map((s) => {
        const c = convert(s, base, depth, mode);
        size += c.size;
        return c.schema;
      });
      // oneOf becomes anyOf: real specs' alternatives overlap, and exclusivity would reject valid input.
      const target = k === 'oneOf' ? 'anyOf' : k;
      if (target === 'anyOf' && Array.isArray(out.anyOf))
        out.allOf = [...((out.allOf as unknown[]) ?? []), { anyOf: converted }];
      else out[target] = converted;
    }
    if (isObject(node.not) || typeof node.not === 'boolean') {
      const c = convert(node.not, base, depth, mode);
      out.not = c.schema;
      size += c.size;
    }
    if (wrapNull) return { schema: { anyOf: [out, { type: 'null' }] }, size: size + 2 };
    return { schema: out, size };
  }

  function convertOutputRest(
    node: Record<string, unknown>,
    out: JsonObject,
    size0: number,
    base: string,
    depth: number,
    wrapNull: boolean,
  ): Converted {
    let size = size0;
    const sub = (child: unknown): JsonObject | boolean => {
      const c = convert(child, base, depth, 'output');
      size += c.size;
      return c.schema;
    };
    if (isObject(node.properties)) {
      const props: JsonObject = {};
      for (const [name, child] of Object.entries(node.properties))
        if (!isHidden(child, base, 'output')) props[name] = sub(child);
      out.properties = props;
    }
    if (isObject(node.additionalProperties)) out.additionalProperties = sub(node.additionalProperties);
    if (isObject(node.items) || typeof node.items === 'boolean') out.items = sub(node.items);
    for (const k of SCHEMA_ARRAYS) {
      const list = node[k];
      if (!Array.isArray(list) || list.length === 0) continue;
      const converted = list.map(sub);
      if (k === 'allOf') out.allOf = converted;
      else out.anyOf = Array.isArray(out.anyOf) ? [...(out.anyOf as unknown[]), ...converted] : converted;
    }
    if (wrapNull) return { schema: { anyOf: [out, { type: 'null' }] }, size: size + 2 };
    return { schema: out, size };
  }

  return {
    /**
     * Converts a schema node found in the document at `baseHref`. When the result would exceed the
     * mode's total node budget, references are expanded less deeply until it fits.
     */
    convert(node: unknown, baseHref: string, mode: SchemaMode): JsonObject | boolean {
      const budget = mode === 'input' ? maxInputNodes : maxOutputNodes;
      let depth = mode === 'input' ? maxRefDepth + 1 : Math.min(maxRefDepth + 1, maxOutputRefDepth + 1);
      let c = convert(node, baseHref, depth, mode);
      while (c.size > budget && depth > 1) {
        depth--;
        c = convert(node, baseHref, depth, mode);
      }
      return c.schema;
    },
    /** Resolves a schema node's top-level `$ref` chain (for looking at its shape without converting). */
    memoSize(): number {
      return memo.size;
    },
  };
}

export type SchemaConverter = ReturnType<typeof createSchemaConverter>;

function shortName(id: string): string {
  const i = id.lastIndexOf('/');
  return i >= 0 ? id.slice(i + 1) : id;
}
