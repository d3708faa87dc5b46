#!/usr/bin/env node
// `npm run bench`: builds, runs every bench/*.mjs in turn (each prints markdown), and writes docs/benchmarks.md
// with exactly what the scripts printed. Benchmarks are bounded in time; run them on a quiet machine.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
const build = spawnSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
  { cwd: root, stdio: 'inherit' },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const benches = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const sections = [];
let failed = 0;
for (const f of benches) {
  process.stderr.write(`bench: ${f}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(root, 'bench', f)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 15 * 60_000,
  });
  process.stdout.write(r.stdout);
  if (r.status !== 0) {
    failed++;
    process.stderr.write(r.stderr);
    sections.push(`## ${f}\n\nFAILED (exit ${r.status}); see the console output.\n`);
  } else {
    sections.push(`## ${f}\n\n${r.stdout.trim()}\n`);
  }
}
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
/** One-off comparisons against older builds (not rerunnable from bench/) are kept from the current file. */
const RECORDED = '\n## Recorded comparisons (not rerun by npm run bench)\n';
const docFile = join(root, 'docs/benchmarks.md');
const previous = existsSync(docFile) ? readFileSync(docFile, 'utf8') : '';
const recorded = previous.includes(RECORDED) ? previous.slice(previous.indexOf(RECORDED)) : '';
if (only.length === 0) {
  writeFileSync(
    docFile,
    `# Benchmarks\n\nWritten by \`npm run bench\` (scripts/bench.mjs) on ${new Date().toISOString().slice(0, 10)}: ${machine}.\n` +
      `Every figure below is what the scripts in bench/ printed in that run; rerun to reproduce.\n\n${sections.join('\n')}` +
      recorded,
  );
  process.stderr.write('bench: wrote docs/benchmarks.md\n');
}
process.exit(failed ? 1 : 0);
