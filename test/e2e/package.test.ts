/**
 * The published package: `npm pack` (the real tarball, offline), extracted the way npm installs it into a
 * temp project's node_modules, with the bin linked as npm links it. Runtime dependencies are linked from this
 * checkout's node_modules rather than fetched from the registry (the suite runs offline), so this proves the
 * tarball's file list and bin are complete (nothing imports a file left out of it), not npm's dependency
 * resolution; the README documents `npm install -g ./portcullis-*.tgz` and `npx ./portcullis-*.tgz`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './harness.js';

interface PackResult {
  filename: string;
  files: { path: string }[];
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  bin: Record<string, string>;
};
const work = tempDir('portcullis-pack-');
const project = join(work, 'project');
let packed: PackResult;
let bin: string;

const run = (cmd: string, args: string[], cwd = project) =>
  spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, npm_config_offline: 'true' } });

beforeAll(() => {
  // The global setup built dist/; --ignore-scripts skips `prepare` (a second build).
  const r = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
  expect(r.status, r.stderr).toBe(0);
  packed = (JSON.parse(r.stdout) as PackResult[])[0]!;
  const installed = join(project, 'node_modules', 'portcullis');
  mkdirSync(installed, { recursive: true });
  const x = run('tar', ['-xzf', join(work, packed.filename), '-C', installed, '--strip-components=1']);
  expect(x.status, x.stderr).toBe(0);
  for (const dep of Object.keys(pkg.dependencies)) {
    const link = join(project, 'node_modules', dep);
    mkdirSync(join(link, '..'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', dep), link, 'dir');
  }
  mkdirSync(join(project, 'node_modules', '.bin'));
  bin = join(project, 'node_modules', '.bin', 'portcullis');
  symlinkSync(join('..', 'portcullis', pkg.bin.portcullis!), bin);
  // npm (bin-links) makes the bin's target executable when it links it; do the same.
  chmodSync(join(installed, pkg.bin.portcullis!), 0o755);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm package', () => {
  it('ships the built CLI, the type declarations, the JSON Schema, README, CHANGELOG and LICENSE, and no tests, sources or fixtures', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'CHANGELOG.md',
        'LICENSE',
        'schema/portcullis.schema.json',
        'dist/cli/main.js',
        'dist/index.d.ts',
        'dist/signing/verify.d.ts',
      ]),
    );
    const unwanted = paths.filter((p) => /^(src|test|bench|scripts|\.ci)\/|\.test\.|test-support|testdata/.test(p));
    expect(unwanted).toEqual([]);
  });

  it('the bin starts with a node shebang and prints the package version', () => {
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    const r = run(bin, ['--version']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('init, validate and scan run from the installed copy only', () => {
    const cfg = join(project, 'portcullis.yaml');
    expect(run(bin, ['init', '--config', cfg]).status).toBe(0);
    expect(readFileSync(cfg, 'utf8')).toContain(join(project, 'node_modules', 'portcullis', 'schema'));
    const v = run(bin, ['validate', '--config', cfg]);
    expect(v.stderr).toBe('');
    expect(v.status).toBe(0);
    const s = run(bin, ['scan', 'openapi', join(ROOT, 'test', 'fixtures', 'specs', 'openapi', 'petstore.yaml')]);
    expect(s.status, s.stderr).toBe(0);
    expect(s.stdout).toContain('listPets');
  });

  it('its type declarations type-check a TypeScript consumer of both entry points (tsc, strict, NodeNext)', () => {
    // The consumer sees only the installed package (and @types/node, which its declarations refer to).
    const types = join(project, 'node_modules', '@types');
    mkdirSync(types, { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', '@types', 'node'), join(types, 'node'), 'dir');
    const consumer = join(project, 'consumer');
    mkdirSync(consumer);
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          types: ['node'],
          typeRoots: [types],
        },
        files: ['main.ts'],
      }),
    );
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(
      join(consumer, 'main.ts'),
      `import { verifyToolDefinition, verifyWebhookSignature, SIGNING_KEYS_PATH, type JwkSet } from 'portcullis';
import { verifyToolList, type VerifyResult } from 'portcullis/verify';
const keys: JwkSet = { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }] };
const one: VerifyResult = verifyToolDefinition({ name: 't' }, keys);
const ok: boolean = verifyToolList([], keys).ok && one.ok;
const hook: boolean = verifyWebhookSignature({ secret: 's', body: '{}', timestamp: '1', signature: 'v1=x' }).ok;
const path: string = SIGNING_KEYS_PATH;
// Real declarations, not \`any\`: a wrong argument is a type error.
// @ts-expect-error keys must be a JWK set or an array of JWKs
verifyToolDefinition({ name: 't' }, 'not keys');
console.log(ok, hook, path);
`,
    );
    const r = run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', consumer]);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('exports the definition verifier by package name, and deep dist/ imports keep working', () => {
    const script = `
      import { verifyToolDefinition, verifyDefinitionList, SIGNING_KEYS_PATH } from 'portcullis';
      import { verifyToolList } from 'portcullis/verify';
      import { verifyWebhookSignature } from 'portcullis/dist/notify/signature.js';
      import { createDefinitionSigner } from 'portcullis/dist/signing/sign.js';
      import { generateKeyPairSync } from 'node:crypto';
      const signer = createDefinitionSigner(generateKeyPairSync('ed25519').privateKey);
      const tool = signer.sign({ name: 'a_b', description: 'x', inputSchema: { type: 'object' } });
      const keys = { keys: [signer.jwk] };
      console.log(JSON.stringify({
        ok: verifyToolDefinition(tool, keys).ok,
        list: verifyDefinitionList({ tools: [tool] }, keys).ok && verifyToolList([tool], keys).ok,
        changed: verifyToolDefinition({ ...tool, description: 'y' }, keys).ok,
        path: SIGNING_KEYS_PATH,
        webhook: typeof verifyWebhookSignature,
      }));`;
    const r = run(process.execPath, ['--input-type=module', '-e', script]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: true,
      list: true,
      changed: false,
      path: '/.well-known/portcullis/tool-signing-keys',
      webhook: 'function',
    });
  });
});
