/** Valid keys at a path of the config, read from its JSON Schema (so every section's schema is covered). */
import { configJsonSchema } from './json-schema.js';

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
};

let cached: JsonSchema | undefined;
const root = (): JsonSchema => (cached ??= configJsonSchema() as JsonSchema);

function deref(s: JsonSchema): JsonSchema {
  if (!s.$ref) return s;
  const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(s.$ref);
  const defs = m ? root()[m[1] as '$defs' | 'definitions'] : undefined;
  return (m && defs?.[decodeURIComponent(m[2]!)]) || {};
}

/** The alternatives a schema node stands for (unions flattened). */
function variants(s: JsonSchema): JsonSchema[] {
  const d = deref(s);
  const subs = [...(d.anyOf ?? []), ...(d.oneOf ?? []), ...(d.allOf ?? [])];
  return subs.length > 0 ? [d, ...subs.flatMap(variants)] : [d];
}

/** Schema nodes reached by following `path` (object keys, record values, array items). */
function nodesAt(path: readonly (string | number)[]): JsonSchema[] {
  let nodes = [root()];
  for (const seg of path) {
    const next: JsonSchema[] = [];
    for (const n of nodes.flatMap(variants)) {
      if (typeof seg === 'number') {
        if (n.items) next.push(n.items);
        continue;
      }
      const p = n.properties?.[seg];
      if (p) next.push(p);
      else if (n.additionalProperties && typeof n.additionalProperties === 'object') next.push(n.additionalProperties);
    }
    nodes = next;
  }
  return nodes;
}

/** Keys an object at `path` may have (all union alternatives), sorted. */
export function knownKeysAt(path: readonly (string | number)[]): string[] {
  const keys = new Set<string>();
  for (const n of nodesAt(path).flatMap(variants)) for (const k of Object.keys(n.properties ?? {})) keys.add(k);
  return [...keys].sort();
}
