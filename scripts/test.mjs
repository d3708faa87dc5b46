#!/usr/bin/env node
// Runs the whole suite: build, type-check, lint, then vitest. Ends with the line
// "N passed, N failed" that CI reads. A failing build, type-check or lint step counts as one failure each.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (label, cmd, args) => {
  process.stdout.write(`\n== ${label}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  return r.status === 0;
};

let passed = 0;
let failed = 0;
const step = (ok) => (ok ? passed++ : failed++);

const extra = process.argv.slice(2);
if (extra.length === 0) {
  step(run('build', bin('tsc'), ['-p', 'tsconfig.build.json']));
  step(run('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));
  step(run('lint', bin('eslint'), ['.']));
}

mkdirSync(join(root, '.test-output'), { recursive: true });
const out = join(root, '.test-output', 'vitest.json');
run('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...extra]);
if (existsSync(out)) {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
  // A file that failed to load has no tests but is still a failure.
  for (const f of r.testResults ?? []) if (f.status === 'failed' && (f.assertionResults ?? []).length === 0) failed++;
} else {
  failed++;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
