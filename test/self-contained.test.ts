/**
 * The repository is self-contained: no test, benchmark or script reads data from outside the checkout
 * (in particular the data folder that sat beside the old checkouts; the patterns below are what this guard
 * looks for, it reads nothing outside the repository). A static scan of every source file, cheap enough to
 * run with the suite; `.ci/run` additionally runs the whole suite from a fresh clone in an empty temp directory,
 * where nothing is beside the checkout.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const SCANNED_DIRS = ['src', 'test', 'bench', 'scripts', '.ci'];
const SCANNED_ROOT_FILES = ['package.json', 'vitest.config.ts', 'tsconfig.json', 'tsconfig.build.json'];
const SOURCE_EXT = /\.(ts|mts|cts|js|mjs|cjs|json|sh)$|^run$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.test-output', 'testdata', 'specs']);

/** Patterns that reach outside the checkout. */
const ESCAPES: { why: string; re: RegExp }[] = [
  // Built from parts so that this line does not itself match the pattern it defines.
  { why: 'a parent-folder shared path', re: new RegExp(['\\.\\.', '[/\\\\]', 'shared\\b'].join('')) },
  { why: 'a shared/data path', re: /\bshared[/\\]data\b/ },
  { why: "path segments 'shared', 'data'", re: /['"]shared['"]\s*,\s*['"]data['"]/ },
  { why: "a path joined from the repo root to '..'", re: /\b(?:ROOT|root|repoRoot)\s*,\s*['"]\.\.['"]/ },
];

function findEscapes(text: string): string[] {
  const hits: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const e of ESCAPES) if (e.re.test(line)) hits.push(`line ${i + 1}: ${e.why}: ${line.trim()}`);
  });
  return hits;
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(p, out);
    } else if (entry.isFile() && SOURCE_EXT.test(entry.name) && statSync(p).size < 1_000_000) {
      out.push(p);
    }
  }
}

describe('self-contained repository', () => {
  it('the detector flags paths that leave the checkout (and not ordinary ones)', () => {
    const up = '..';
    expect(findEscapes(`readFileSync('${up}/shared/data/x.json')`)).toHaveLength(2);
    expect(findEscapes(`resolve(repoRoot, '${up}', 'shared', 'data', 'openapi')`)).toHaveLength(2);
    expect(findEscapes("resolve(ROOT, 'test', 'fixtures', 'specs', 'openapi')")).toEqual([]);
    expect(findEscapes("new URL('../../../test/fixtures/specs/openapi/', import.meta.url)")).toEqual([]);
  });

  it('no source, test, benchmark or script reads from outside the repository', () => {
    const files: string[] = [];
    for (const d of SCANNED_DIRS) walk(join(ROOT, d), files);
    for (const f of SCANNED_ROOT_FILES) files.push(join(ROOT, f));
    expect(files.length).toBeGreaterThan(100);
    const offenders = files
      .filter((f) => f !== SELF)
      .flatMap((f) => findEscapes(readFileSync(f, 'utf8')).map((h) => `${relative(ROOT, f)} ${h}`));
    expect(offenders).toEqual([]);
  });

  it('every copied spec has its licence and an entry in the fixtures README', () => {
    const dir = join(ROOT, 'test', 'fixtures', 'specs', 'openapi');
    const names = readdirSync(dir);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    const specs = names.filter((n) => /\.(json|ya?ml)$/.test(n));
    expect(specs.length).toBeGreaterThanOrEqual(10);
    for (const spec of specs) expect(readme, spec).toContain(spec);
    expect(names.filter((n) => n.startsWith('LICENSE.')).length).toBeGreaterThanOrEqual(8);
    const labels = readFileSync(join(ROOT, 'src', 'risk', 'testdata', 'tool-labels', 'README.md'), 'utf8');
    expect(labels).toMatch(/Provenance and licence/);
  });
});
