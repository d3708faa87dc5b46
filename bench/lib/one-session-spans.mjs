#!/usr/bin/env node
// Where one call's time goes inside the gateway at one session (ADR 0017, Decision 31). Each call is split, on the
// clock all threads share, into: request in -> the intent's audit append; the append -> its post to the writer
// thread; post -> the thread takes it; the transaction (inserts + fsync); the answer -> the event loop handles it;
// -> the append settles; the intent durable -> the response's end (the upstream call and the answer). p50 and p90 of
// each over the last 80 % of the calls (the first 20 % are warm-up), beside one bare durable commit (timed before and
// after the run) and the load generator's round trip. Timed inside `portcullis serve` by bench/lib/span-register.mjs
// (`node --import`: diagnostics channels and module hooks; the build's files are not changed). Not part of
// `npm run bench`; not a test. Usage: node bench/lib/one-session-spans.mjs [seconds=6] [sessions=1]
// (DIST=<build's dist>; AUDIT=off: the bench-only no-audit server, its stdio round trip and the request's parts
// around it; with more than one session only the round trip is printed).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { echoConfig, startBenchGateway } from './gateway.mjs';
import { echoCaller, fmt, measure, median } from './load.mjs';
import { describeMachine, durableCommitMs } from './machine.mjs';

const [secondsArg = '6', sessionsArg = '1'] = process.argv.slice(2);
const AUDIT_OFF = process.env.AUDIT === 'off';
console.log(describeMachine());
const commitBefore = durableCommitMs();
const dir = mkdtempSync(join(tmpdir(), 'portcullis-spans-'));
const out = join(dir, 'spans.json');
process.env.PORTCULLIS_SPANS_OUT = out;
const gw = await startBenchGateway({
  config: echoConfig({ deny: ['up_crash'] }),
  audit: !AUDIT_OFF,
  ...(process.env.DIST ? { dist: process.env.DIST } : {}),
  nodeArgs: ['--import', resolve(import.meta.dirname, 'span-register.mjs')],
});
let r;
try {
  r = await measure({ concurrency: Number(sessionsArg), seconds: Number(secondsArg), makeCaller: echoCaller(gw) });
} finally {
  await gw.stop();
}
const spans = JSON.parse(readFileSync(out, 'utf8'));
rmSync(dir, { recursive: true, force: true });
// Each call, matched by time on the shared clock: its HTTP request, the intent append inside it, and the commit
// posted during that append. Calls run one after another only at one session; with more, the matching below is
// not valid and nothing is printed per call.
const intents = spans['append tool.call.requested'] ?? [];
const commits = spans.commits ?? [];
const requests = spans.http ?? [];
const writes = (spans['upstream write'] ?? []).map((x) => x[0]);
const replies = (spans['upstream reply'] ?? []).map((x) => x[0]);
const firstAfter = (xs, t) => xs.find((x) => x >= t);
if (AUDIT_OFF) {
  // No intent to match on: each request with the first upstream write and reply inside it.
  const trip = [];
  const after = [];
  const before = [];
  const whole = [];
  for (const [q0, q1] of requests.slice(Math.floor(requests.length / 5))) {
    const w = firstAfter(writes, q0);
    const rep = w === undefined ? undefined : firstAfter(replies, w);
    if (rep === undefined || rep > q1) continue;
    before.push(w - q0);
    trip.push(rep - w);
    after.push(q1 - rep);
    whole.push(q1 - q0);
  }
  console.log(
    `audit off (bench-only server), ${sessionsArg} session(s), ${secondsArg} s: ${fmt(r.callsPerSecond, 0)} calls/s, p50 ${fmt(r.p50, 3)} ms; ${whole.length} calls matched`,
  );
  console.log(`  request in -> the write to the upstream leaves   ${fmt(median(before), 3)}`);
  console.log(`  the write -> the reply arrives (stdio round trip) ${fmt(median(trip), 3)}`);
  console.log(`  reply -> response end                            ${fmt(median(after), 3)}`);
  console.log(`  request in -> response end, p50 of the whole     ${fmt(median(whole), 3)}`);
  process.exit(0);
}
const segments = {
  'request in -> intent append (parse, authentication, policy, validation)': [],
  'intent append -> post to the writer (redaction, chain, the commit turn, prepare)': [],
  'post -> the writer thread takes it': [],
  'the transaction (inserts + fsync)': [],
  "the writer's answer -> the event loop handles it": [],
  'handled -> the intent append settles (promises)': [],
  'intent durable -> the write to the upstream leaves (the write turn)': [],
  'the write -> the reply arrives (the stdio upstream round trip)': [],
  'reply -> response end (parse, leak scan, answer, socket write)': [],
};
const seg = Object.values(segments);
const totals = [];
let ci = 0;
let ri = 0;
for (const [a0, a1] of sessionsArg === '1' ? intents.slice(Math.floor(intents.length / 5)) : []) {
  while (ci < commits.length && commits[ci][0] < a0) ci++;
  while (ri < requests.length && requests[ri][1] < a1) ri++;
  const c = commits[ci];
  const q = requests[ri];
  if (!c || c[0] > a1 || c[3] > a1 || !q || q[0] > a0) continue;
  const [posted, took, done, handled] = c;
  const w = firstAfter(writes, a1);
  const rep = w === undefined ? undefined : firstAfter(replies, w);
  if (rep === undefined || rep > q[1]) continue;
  const parts = [
    a0 - q[0],
    posted - a0,
    took - posted,
    done - took,
    handled - done,
    a1 - handled,
    w - a1,
    rep - w,
    q[1] - rep,
  ];
  parts.forEach((v, i) => seg[i].push(v));
  totals.push(q[1] - q[0]);
}
const commit = median([commitBefore, durableCommitMs()]);
console.log(
  `${sessionsArg} session(s), ${secondsArg} s: ${fmt(r.callsPerSecond, 0)} calls/s, p50 ${fmt(r.p50, 3)} ms; ${totals.length} calls matched`,
);
console.log(`one bare durable commit (SQLite WAL, synchronous=FULL, one row, hot loop): ${fmt(commit, 3)} ms`);
console.log('per call inside the gateway, ms:  p50   p90');
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
let sum = 0;
for (const [k, v] of Object.entries(segments)) {
  sum += median(v);
  console.log(`  ${k.padEnd(84)} ${fmt(median(v), 3)} ${fmt(p90(v), 3)}`);
}
console.log(`  ${'the sum of the p50s'.padEnd(84)} ${fmt(sum, 3)}`);
console.log(`  ${'request in -> response end, p50 of the whole'.padEnd(84)} ${fmt(median(totals), 3)}`);
console.log(
  `  ${"outside the gateway's request (client, sockets): round trip p50 - that".padEnd(84)} ${fmt(r.p50 - median(totals), 3)}`,
);
