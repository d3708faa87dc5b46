import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ToolSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { buildRequest } from './build-request.js';
import { importSpec } from './import-spec.js';
import { TOOL_NAME_RE } from './tool-naming.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
const dataDir = resolve(repoRoot, 'test', 'fixtures', 'specs', 'openapi');
const require = createRequire(import.meta.url);
const githubSpec = join(require.resolve('@octokit/openapi/package.json'), '..', 'generated', 'api.github.com.json');

const specs = [
  ...readdirSync(dataDir)
    .filter((f) => /\.(json|ya?ml)$/.test(f))
    .sort()
    .map((f) => ({ label: f, path: join(dataDir, f) })),
  { label: '@octokit/openapi api.github.com.json', path: githubSpec },
];

const inventory: { spec: string; operations: number; tools: number; warnings: number }[] = [];

describe('importing every real spec', () => {
  it.each(specs)('$label imports with valid, unique, stable names', async ({ label, path }) => {
    const first = await importSpec(path, { name: 'api' });
    expect(first.operations).toBeGreaterThan(0);
    expect(first.tools.length).toBe(first.operations);
    const names = first.tools.map((t) => t.localName);
    for (const n of names) expect(n).toMatch(TOOL_NAME_RE);
    expect(new Set(names).size).toBe(names.length);
    for (const t of first.tools) {
      expect(t.definition.description?.trim()).not.toBe('');
      expect(t.definition.inputSchema.type).toBe('object');
      // Definitions are finite trees (serialising must not throw on a cycle) and valid MCP tools.
      expect(() => JSON.stringify(t.definition)).not.toThrow();
      expect(ToolSchema.safeParse(t.definition).success).toBe(true);
    }
    // Every operation turns into a request on the base origin (path parameters filled in).
    for (const t of first.tools) {
      const plan = first.plans.get(t.localName)!;
      const args = Object.fromEntries(plan.params.filter((p) => p.in === 'path').map((p) => [p.arg, 'x-1']));
      const req = buildRequest({ ...plan, servers: ['https://api.example.com/base'] }, args);
      expect(req.url.origin).toBe('https://api.example.com');
      expect(req.method).toBe(t.source.kind === 'openapi' ? t.source.method : '');
    }
    const again = await importSpec(path, { name: 'api' });
    expect(again.tools.map((t) => t.localName)).toEqual(names);
    inventory.push({
      spec: label,
      operations: first.operations,
      tools: first.tools.length,
      warnings: first.warnings.length,
    });
  });

  it('prints the inventory per spec', () => {
    expect(inventory.length).toBe(specs.length);
    console.log(
      [
        '| spec | operations | tools | warnings |',
        '|---|---|---|---|',
        ...inventory.map((r) => `| ${r.spec} | ${r.operations} | ${r.tools} | ${r.warnings} |`),
      ].join('\n'),
    );
  });
});
