#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per package/file, top N.
// Usage: node bench/lib/cpuprofile-top.mjs <file.cpuprofile> [N]
import { readFileSync } from 'node:fs';

const [file, nArg] = process.argv.slice(2);
const N = Number(nArg ?? 25);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
// timeDeltas[i] is the time before samples[i]; attribute it to that sample's node.
for (let i = 0; i < prof.samples.length; i++) {
  const id = prof.samples[i];
  self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const shortUrl = (u) =>
  u
    .replace(/^file:\/\//, '')
    .replace(/.*node_modules\//, 'nm:')
    .replace(/.*\/(dist|src)\//, '$1/');
const pkgOf = (u) => {
  if (!u) return '(native/vm)';
  if (u.startsWith('node:')) return 'node:' + u.slice(5).split('/')[0];
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (m) return m[1];
  const d = /\/dist\/([^/]+)\//.exec(u);
  return d ? `portcullis/${d[1]}` : shortUrl(u);
};
const fn = new Map();
const pkg = new Map();
for (const [id, t] of self) {
  const n = byId.get(id);
  const cf = n.callFrame;
  const key = `${cf.functionName || '(anon)'} ${cf.url ? shortUrl(cf.url) + ':' + (cf.lineNumber + 1) : ''}`;
  fn.set(key, (fn.get(key) ?? 0) + t);
  const p = pkgOf(cf.url);
  pkg.set(p, (pkg.get(p) ?? 0) + t);
}
const pct = (t) => ((100 * t) / total).toFixed(1).padStart(5) + ' %';
console.log(`total sampled ${(total / 1000).toFixed(0)} ms`);
console.log('\n## self time by function');
for (const [k, t] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, N)) console.log(`${pct(t)}  ${k}`);
console.log('\n## self time by package / gateway folder');
for (const [k, t] of [...pkg].sort((a, b) => b[1] - a[1]).slice(0, N)) console.log(`${pct(t)}  ${k}`);

// For the heaviest native/runtime frames, who calls them (self time attributed to the nearest JS caller chain).
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) =>
  `${n.callFrame.functionName || '(anon)'}${n.callFrame.url ? ' ' + shortUrl(n.callFrame.url) + ':' + (n.callFrame.lineNumber + 1) : ''}`;
if (process.env.CALLERS) {
  const want = process.env.CALLERS.split(',');
  for (const w of want) {
    const chains = new Map();
    for (const [id, t] of self) {
      const n = byId.get(id);
      if ((n.callFrame.functionName || '(anon)') !== w) continue;
      const chain = [];
      let p = parent.get(id);
      while (p !== undefined && chain.length < Number(process.env.DEPTH ?? 4)) {
        chain.push(label(byId.get(p)));
        p = parent.get(p);
      }
      const k = chain.join(' < ');
      chains.set(k, (chains.get(k) ?? 0) + t);
    }
    console.log(`\n## callers of ${w}`);
    for (const [k, t] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`${pct(t)}  ${k}`);
  }
}

// Inclusive time of frames whose label matches INCL (comma-separated substrings); each sample counted once per term.
if (process.env.INCL) {
  console.log('\n## inclusive');
  for (const term of process.env.INCL.split(',')) {
    let t = 0;
    for (const [id, dt] of self) {
      let p = id;
      while (p !== undefined) {
        if (label(byId.get(p)).includes(term)) {
          t += dt;
          break;
        }
        p = parent.get(p);
      }
    }
    console.log(`${pct(t)}  ${term}`);
  }
}
