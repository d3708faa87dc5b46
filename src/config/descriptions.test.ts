import { describe, expect, it } from 'vitest';
import { configJsonSchema } from './json-schema.js';

type Node = {
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
  for (const alt of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) undescribed(alt, path, out);
  if (node.items) undescribed(node.items, `${path}[]`, out);
  return out;
}

/** Sections whose every key is described; a section joins this list once it is complete. */
const COMPLETE = [
  'dataDir',
  'storage',
  'server',
  'upstreams',
  'agents',
  'users',
  'auth',
  'limits',
  'vault',
  'notifications',
  'observability',
];

describe('JSON Schema descriptions', () => {
  const root = configJsonSchema() as Node;
  it('every top-level section has a description', () => {
    expect(
      Object.entries(root.properties ?? {})
        .filter(([, v]) => !v.description)
        .map(([k]) => k),
    ).toEqual([]);
  });
  it.each(COMPLETE)('every key under %s has a description', (section) => {
    expect(undescribed({ properties: { [section]: root.properties![section]! } }, '')).toEqual([]);
  });
});
