#!/usr/bin/env node
// Runs the whole suite: build, type-check, lint, then vitest. Ends with the line
// "N passed, N failed" that CI reads. A failing build, type-check or lint step counts as one failure each.
// Vitest runs with TMPDIR set to a fresh directory of its own; anything a test leaves there counts as one failure
// (tests clean up after themselves), and the directory is removed afterwards.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (label, cmd, args, env = process.env) => {
  process.stdout.write(`\n== ${label}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  return r.status === 0;
};

let passed = 0;
let failed = 0;
const step = (ok) => (ok ? passed++ : failed++);

const extra = process.argv.slice(2);
if (extra.length === 0) {
  step(run('build', bin('tsc'), ['-p', 'tsconfig.build.json']));
  step(run('build type declarations', bin('tsc'), ['-p', 'tsconfig.types.json']));
  step(run('build dashboard (web/ -> dist/web)', bin('vite'), ['build', '--config', 'web/vite.config.mjs']));
  step(run('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));
  step(run('typecheck dashboard', bin('tsc'), ['-p', 'web/tsconfig.json', '--noEmit']));
  step(run('lint', bin('eslint'), ['.']));
}

mkdirSync(join(root, '.test-output'), { recursive: true });

/** One vitest run with a private TMPDIR; its JSON report is added to the counts. */
function vitest(label, name, args, env = {}) {
  const out = join(root, '.test-output', `${name}.json`);
  const testTmp = mkdtempSync(join(tmpdir(), 'portcullis-suite-'));
  run(label, bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args], {
    ...process.env,
    ...env,
    TMPDIR: testTmp,
    TMP: testTmp,
    TEMP: testTmp,
  });
  const leftovers = readdirSync(testTmp);
  rmSync(testTmp, { recursive: true, force: true });
  process.stdout.write(`\n== temp directory after ${label}: ${leftovers.length} entries left\n`);
  if (leftovers.length > 0) {
    console.log(`  left behind: ${leftovers.slice(0, 20).join(', ')}${leftovers.length > 20 ? ', ...' : ''}`);
    failed++;
  }
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    passed += r.numPassedTests ?? 0;
    failed += (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
    // A file that failed to load has no tests but is still a failure.
    for (const f of r.testResults ?? []) if (f.status === 'failed' && (f.assertionResults ?? []).length === 0) failed++;
  } else {
    failed++;
  }
}

vitest('vitest', 'vitest', extra);
// Every e2e file that starts gateways through the harness runs again with `storage: postgres://…` (a fresh database
// of the run's PostgreSQL server per gateway). A file opts out with a line `// e2e-storage: sqlite-only` and says
// why beside it; single SQLite-only tests inside a file use `onPostgres` from the harness.
const pgInstalled = existsSync(join(process.env.PORTCULLIS_PG_BIN ?? '/usr/lib/postgresql/15/bin', 'initdb'));
if (extra.length === 0 && (pgInstalled || process.env.CI === 'true')) {
  const e2e = join(root, 'test', 'e2e');
  const onPostgres = readdirSync(e2e)
    .filter((f) => f.endsWith('.test.ts'))
    .filter((f) => {
      const text = readFileSync(join(e2e, f), 'utf8');
      return /\bstartGateway\(/.test(text) && !/^\/\/ e2e-storage: sqlite-only/m.test(text);
    })
    .sort()
    .map((f) => `test/e2e/${f}`);
  vitest('vitest (e2e on PostgreSQL)', 'vitest-postgres', onPostgres, { PORTCULLIS_E2E_STORAGE: 'postgres' });
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
