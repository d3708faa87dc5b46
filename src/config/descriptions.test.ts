import { describe, expect, it } from 'vitest';
import { configJsonSchema } from './json-schema.js';

type Node = {
  type?: string;
  description?: string;
  properties?: Record<string, Node>;
  additionalProperties?: Node | boolean;
  items?: Node;
  anyOf?: Node[];
  oneOf?: Node[];
  allOf?: Node[];
};

/** Every key under `node` without a description (editors show it on hover), as dotted paths. */
function undescribed(node: Node | undefined, path: string, out: string[] = []): string[] {
  if (!node || typeof node !== 'object') return out;
  for (const [k, v] of Object.entries(node.properties ?? {})) {
    if (!v.description) out.push(`${path}.${k}`);
    undescribed(v, `${path}.${k}`, out);
  }
  if (typeof node.additionalProperties === 'object') undescribed(node.additionalProperties, `${path}.<name>`, out);
  // Alternatives with a type are shapes whose keys need describing; a typeless fragment is a rule over keys described
  // in the shape it sits on (json-schema.ts: refinements stated in the schema, e.g. `anyOf: [{ required: [...] }]`).
  for (const alt of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])])
    if (alt.type !== undefined) undescribed(alt, path, out);
  if (node.items) undescribed(node.items, `${path}[]`, out);
  return out;
}

describe('JSON Schema descriptions', () => {
  const root = configJsonSchema() as Node;
  it('every top-level section has a description', () => {
    expect(
      Object.entries(root.properties ?? {})
        .filter(([, v]) => !v.description)
        .map(([k]) => k),
    ).toEqual([]);
  });
  it('every key of every section has a description (no section is exempt)', () => {
    expect(undescribed(root, '')).toEqual([]);
  });
  it('the walk finds an undescribed key at any depth (it can fail)', () => {
    const nested: Node = {
      properties: {
        a: { description: 'x', properties: { b: { additionalProperties: { items: { properties: { c: {} } } } } } },
      },
    };
    expect(undescribed(nested, '')).toEqual(['.a.b', '.a.b.<name>[].c']);
  });
});
