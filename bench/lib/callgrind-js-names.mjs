#!/usr/bin/env node
// Names the JavaScript in a callgrind profile of the gateway. valgrind knows no symbols for V8's generated code, so
// callgrind_annotate prints it as `0x…` addresses; node's `--perf-basic-prof` writes /tmp/perf-<pid>.map (start,
// size, name of every code object V8 made), and this script puts those names on the addresses and adds up the
// rows of one function (its entry blocks). Use with `KEEP=<dir> NODE_ARGS=--perf-basic-prof node
// bench/lib/callgrind-calls.mjs …` (ADR 0017, Decision 47). Not part of `npm run bench`.
// Usage: node bench/lib/callgrind-js-names.mjs <callgrind file> <perf map> <calls> [inclusive=yes|no] [top=40]
// MATCH=<regex>: only the rows whose (named) function matches.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [file, mapFile, callsArg, inclusiveArg = 'yes', topArg = '40'] = process.argv.slice(2);
if (!file || !mapFile || !callsArg) {
  console.error('usage: callgrind-js-names.mjs <callgrind file> <perf map> <calls> [inclusive=yes|no] [top=40]');
  process.exit(2);
}
const calls = Number(callsArg);
const entries = readFileSync(mapFile, 'utf8')
  .split('\n')
  .map((l) => /^([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(l))
  .filter(Boolean)
  .map((m) => ({ start: parseInt(m[1], 16), end: parseInt(m[1], 16) + parseInt(m[2], 16), name: m[3] }))
  .sort((a, b) => a.start - b.start);

/** The last-logged code object that covers `addr` (code can be logged again when it moves). */
function nameOf(addr) {
  let lo = 0;
  let hi = entries.length - 1;
  let found;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].start <= addr) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = found ?? -1; i >= 0 && i > (found ?? 0) - 64; i--)
    if (entries[i].start <= addr && addr < entries[i].end) return entries[i].name;
  return undefined;
}

const out = execFileSync('callgrind_annotate', [`--inclusive=${inclusiveArg}`, '--threshold=100', file], {
  encoding: 'utf8',
  maxBuffer: 512 * 1024 * 1024,
});
const rows = new Map();
for (const line of out.split('\n')) {
  const m = /^\s*([\d,]+) \([^)]*\)\s+(.*)$/.exec(line);
  if (!m) continue;
  const ir = Number(m[1].replace(/,/g, ''));
  let fn = m[2];
  if (fn === 'PROGRAM TOTALS') continue;
  const addr = /\?\?\?:0x([0-9a-f]+)('\d+)? \[\?\?\?\]/.exec(fn);
  if (addr) fn = `JS ${nameOf(parseInt(addr[1], 16)) ?? `(unnamed 0x${addr[1]})`}`;
  else fn = fn.replace(/^(?:\?\?\?|\.{0,2}\/[^:]*):/, '').replace(/'\d+ /, ' ');
  // Recursion marks ('2) and a function's several entry blocks are one function; inclusive rows of one function are
  // not additive (an entry inside another), so keep the largest there.
  const prev = rows.get(fn) ?? 0;
  rows.set(fn, inclusiveArg === 'yes' ? Math.max(prev, ir) : prev + ir);
}
const match = process.env.MATCH ? new RegExp(process.env.MATCH) : undefined;
const sorted = [...rows].filter(([fn]) => !match || match.test(fn)).sort((a, b) => b[1] - a[1]);
console.log(`${inclusiveArg === 'yes' ? 'inclusive' : 'self'} instructions per call (${calls} calls), ${file}:`);
for (const [fn, ir] of sorted.slice(0, Number(topArg)))
  console.log(
    `${Math.round(ir / calls)
      .toLocaleString('en')
      .padStart(10)}  ${fn.slice(0, 160)}`,
  );
