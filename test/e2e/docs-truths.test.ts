// What the README and `--help` promise, checked against the real CLI (issue 15, item 5).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { billingSpec } from '../../src/demo/billing-api/index.js';
import { ROOT, cli, tempDir } from './harness.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const dir = tempDir('portcullis-docs-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `portcullis import openapi …` run as printed (dry run), with the spec name mapped to the repository's copy. */
function importAsPrinted(line: string, specs: Record<string, string>): string {
  const args = line
    .replace(/^portcullis /, '')
    .replace(/\s+--config\s+\S+/, '')
    .match(/'[^']*'|\S+/g)!
    .map((a) => a.replace(/^'|'$/g, ''))
    .map((a) => specs[a] ?? a);
  const r = cli([...args, '--dry-run']);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('README', () => {
  it('the import openapi example imports tools from the spec it names', () => {
    const line = /^portcullis import openapi .*$/m.exec(readme)![0].split('#')[0]!.trim();
    const stdout = importAsPrinted(line, { 'stripe.json': join(ROOT, 'test/fixtures/specs/openapi/stripe.json') });
    const count = Number(/: (\d+) tool\(s\) from/.exec(stdout)![1]);
    expect(count).toBeGreaterThan(0);
  });

  it("the config example's OpenAPI entry selects operations of the spec it names, with that spec's auth scheme", () => {
    const block = /```yaml\n(# yaml-language-server[\s\S]*?)```/.exec(readme)![1]!;
    const billing = (
      parse(block) as {
        openapi: { billing: { spec: string; include: string[]; auth: Record<string, unknown> } };
      }
    ).openapi.billing;
    expect(billing.spec).toBe('./.portcullis/demo/billing-api.openapi.json'); // what `npm start` writes
    const spec = billingSpec('http://127.0.0.1:9') as { components: { securitySchemes: Record<string, unknown> } };
    expect(Object.keys(billing.auth)).toEqual(Object.keys(spec.components.securitySchemes));
    const file = join(dir, 'billing-api.openapi.json');
    writeFileSync(file, JSON.stringify(spec));
    for (const pattern of billing.include) {
      const r = cli(['import', 'openapi', file, '--name', 'billing', '--include', pattern, '--dry-run']);
      expect(r.code, r.stderr).toBe(0);
      expect(Number(/: (\d+) tool\(s\) from/.exec(r.stdout)![1]), pattern).toBeGreaterThan(0);
    }
  });
});

describe('--help lists the allowed values', () => {
  it.each([
    [
      ['audit', 'query'],
      ['"allow", "deny", "hold"', '"low", "medium", "high"', '"rate_limited"', '"tool.call.denied"'],
    ],
    [['audit', 'export'], ['"jsonl", "csv", "checkpoints"']],
    [['policy', 'matrix'], ['"csv", "json"']],
    [
      ['scan', 'openapi'],
      ['"info", "low", "medium", "high", "critical"', 'the risk level does not count'],
    ],
  ])('portcullis %j --help', (command, expected) => {
    const r = cli([...command, '--help']);
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    for (const e of expected) expect(text).toContain(e);
  });
});
