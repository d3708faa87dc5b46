#!/usr/bin/env node
// The audit redactor's secretlint pass on text it has not seen, in one process: CPU time per scan of secretlint's own
// `lintSource` (the reference, `lintWindow`) against the shipped `scanSecrets` (the rule host, with its per-rule
// pre-filters when they apply), interleaved rounds, every text new (a counter appended, so the clean-text cache never
// answers). docs/adr/0017, Decision 26. Not part of `npm run bench`.
// Usage: node bench/lib/secret-scan.mjs [dist=dist] [rounds=6] [scans per round=3000]
// TEXT=<the text before the counter> ('/srv/reports/2026/q3-revenue.pdf' by default).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [distArg = 'dist', roundsArg = '6', scansArg = '3000'] = process.argv.slice(2);
const ROUNDS = Number(roundsArg);
const SCANS = Number(scansArg);
const TEXT = process.env.TEXT ?? '/srv/reports/2026/q3-revenue.pdf';
const scanner = await import(pathToFileURL(resolve(distArg, 'audit/redaction/secret-scanner.js')).href);
let n = 0;

async function round(scan) {
  const t0 = process.cpuUsage();
  for (let i = 0; i < SCANS; i++) {
    const r = scan(`${TEXT}-${n++}`);
    if (r instanceof Promise) await r;
  }
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / SCANS;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ref = [];
const mine = [];
for (let i = 0; i < ROUNDS; i++) {
  // Alternate the order, so that neither side always runs first.
  if (i % 2 === 0) {
    ref.push(await round(scanner.lintWindow));
    mine.push(await round(scanner.scanSecrets));
  } else {
    mine.push(await round(scanner.scanSecrets));
    ref.push(await round(scanner.lintWindow));
  }
}
console.log(
  `${ROUNDS} rounds of ${SCANS} scans of ${JSON.stringify(TEXT)} + counter (pre-filters ${scanner.PREFILTERS_APPLY ? 'on' : 'off'})`,
);
console.log(`lintSource:  ${median(ref).toFixed(1)} µs CPU per scan  [${ref.map((x) => x.toFixed(1)).join(' ')}]`);
console.log(`scanSecrets: ${median(mine).toFixed(1)} µs CPU per scan  [${mine.map((x) => x.toFixed(1)).join(' ')}]`);
