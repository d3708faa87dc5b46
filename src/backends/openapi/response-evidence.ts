/**
 * What a list endpoint returns, kept as risk evidence. MCP requires a tool's `outputSchema` to be an object
 * schema (its `structuredContent` is a JSON object), so an operation whose success response is a JSON array is
 * served without one and its result stays text, exactly as the API sends it. The classifier still needs to know
 * what the records of that list carry (e-mail addresses, secrets), so the importer keeps a bounded copy of the
 * array schema on the tool's source: only the keys the classifier reads (`type`, `items`, `properties`,
 * `allOf`/`anyOf`/`oneOf`, `enum`, `description`), at most four levels of properties and 150 of them, with
 * descriptions cut to 200 characters. It is never served to agents.
 */
import type { JsonObject } from '../../core/tool.js';
import { isObject } from './ref-resolver.js';

const maxLevels = 4;
const maxProperties = 150;
const maxDescription = 200;
const maxEnum = 20;

/** A bounded copy of an array response schema (see the module comment); `undefined` for anything else. */
export function listResponseEvidence(schema: JsonObject | undefined): JsonObject | undefined {
  if (!schema || schema.type !== 'array') return undefined;
  const budget = { properties: maxProperties };
  return prune(schema, 0, budget, new Set());
}

function prune(node: JsonObject, level: number, budget: { properties: number }, seen: Set<object>): JsonObject {
  const out: JsonObject = {};
  if (seen.has(node)) return out;
  seen.add(node);
  if (typeof node.type === 'string' || Array.isArray(node.type)) out.type = node.type;
  if (typeof node.description === 'string') out.description = node.description.slice(0, maxDescription);
  if (Array.isArray(node.enum)) out.enum = node.enum.filter((x) => typeof x === 'string').slice(0, maxEnum);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = node[key];
    if (Array.isArray(list)) out[key] = list.filter(isObject).map((sub) => prune(sub, level, budget, seen));
  }
  if (isObject(node.items)) out.items = prune(node.items, level, budget, seen);
  if (isObject(node.properties) && level < maxLevels) {
    const props: JsonObject = {};
    for (const [name, sub] of Object.entries(node.properties)) {
      if (budget.properties <= 0) break;
      budget.properties--;
      props[name] = isObject(sub) ? prune(sub, level + 1, budget, seen) : {};
    }
    out.properties = props;
  }
  seen.delete(node);
  return out;
}
