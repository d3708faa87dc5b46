/**
 * Features of one tool for the learned risk layer, from what the classifier receives: name or operationId words,
 * the opening of the description, input and output schema fields (names, types, formats, enum values), and for
 * OpenAPI operations the method, literal path segments, security scopes, tags and `x-` extension keys. Never the
 * MCP annotations (upstream hints are untrusted, and the labels were made without them). Binary, deduplicated,
 * sorted; each feature is `<kind>:<value>` where the kind says where it was seen (`featureLabel`).
 */
import type { JsonObject, ToolDefinition, ToolSource } from '../../core/tool.js';
import { literalSegments } from '../http-action.js';
import { withoutProtocolParams } from '../protocol-params.js';
import { collectFields, isObject } from '../schema-fields.js';
import { joinCompounds, splitIdentifier, splitWords, stem } from '../tokens.js';

/** Words too common to say anything about risk (they only cost time). */
const stopWords = new Set(
  'a an the of to for in on and or by with from this that is are be it as at its if into which will can all any not your you we our their'.split(
    ' ',
  ),
);

const kindLabels: Readonly<Record<string, string>> = {
  k: 'source kind',
  n: 'name word',
  nf: 'name starts with',
  nl: 'name ends with',
  d1: 'word in the description opening',
  d: 'description word',
  f: 'input field',
  fw: 'input field word',
  fr: 'required input field',
  ft: 'input field type',
  fmt: 'input field format',
  fe: 'input enum value',
  o: 'output field',
  ow: 'output field word',
  m: 'HTTP method',
  p: 'path segment word',
  pl: 'last path segment word',
  pe: 'path shape',
  sc: 'security scope word',
  t: 'tag word',
  x: 'extension',
};

/** "p:cluster" → "path segment word 'cluster'" (for reasons security teams read). */
export function featureLabel(feature: string): string {
  const i = feature.indexOf(':');
  const kind = feature.slice(0, i);
  return `${kindLabels[kind] ?? kind} '${feature.slice(i + 1)}'`;
}

const words = (text: string): string[] => joinCompounds(splitIdentifier(text).map(stem));
const proseWords = (text: string, limit: number): string[] =>
  joinCompounds(splitWords(text, limit).map(stem)).filter((w) => !stopWords.has(w) && w.length > 1);

export function toolFeatures(tool: ToolDefinition, source: ToolSource): string[] {
  const out = new Set<string>();
  const add = (kind: string, values: Iterable<string>): void => {
    for (const v of values) if (v.length > 0) out.add(`${kind}:${v}`);
  };
  const isApi = source.kind === 'openapi';
  add('k', [source.kind]);
  const idWords = words(isApi && source.operationId ? source.operationId : tool.name);
  add('n', idWords);
  add('nf', idWords.slice(0, 1));
  add('nl', idWords.slice(-1));

  const description = (tool.description ?? (isApi ? source.summary : undefined) ?? '').slice(0, 1500);
  const opening = description.split(/(?<=[.!?])\s|\n/, 1)[0] ?? '';
  add('d1', proseWords(opening, 16));
  add('d', proseWords(description, 60));

  const inputFields = withoutProtocolParams(collectFields(tool.inputSchema, 150, 2), source).fields;
  const required = isObject(tool.inputSchema) ? tool.inputSchema.required : undefined;
  const requiredNames = new Set(Array.isArray(required) ? required.filter((x) => typeof x === 'string') : []);
  for (const f of inputFields) {
    if (f.depth <= 1) add('f', [f.joined]);
    add('fw', f.words);
    if (f.depth === 0 && requiredNames.has(f.name)) add('fr', [f.joined]);
    if (f.depth === 0 && f.type) add('ft', [f.type]);
    if (f.depth === 0) add('fe', f.enumValues.slice(0, 12).flatMap(words));
  }
  add('fmt', topFormats(tool.inputSchema));

  const outputSchema = tool.outputSchema ?? (isApi ? source.responseSchema : undefined);
  for (const f of collectFields(outputSchema, 150, 2)) {
    add('o', [f.joined]);
    add('ow', f.words);
  }

  if (isApi) {
    add('m', [source.method.toLowerCase()]);
    const segments = literalSegments(source.path).map((seg) => seg.map(stem));
    add('p', segments.flat());
    add('pl', segments.at(-1) ?? []);
    add('pe', [/\}\/?$/.test(source.path) ? 'ends-with-parameter' : 'ends-with-literal']);
    add('sc', (source.scopes ?? []).flatMap(words));
    add('t', (source.tags ?? []).flatMap(words));
    add(
      'x',
      Object.keys(source.extensions ?? {}).map((k) => k.toLowerCase()),
    );
  }
  return [...out].sort();
}

/** Formats of the top-level input properties (`email`, `uri`, `password`…). */
function topFormats(schema: JsonObject | undefined): string[] {
  const props = isObject(schema) ? schema.properties : undefined;
  if (!isObject(props)) return [];
  const formats: string[] = [];
  for (const sub of Object.values(props))
    if (isObject(sub) && typeof sub.format === 'string') formats.push(sub.format.toLowerCase());
  return formats;
}
