// Bench only, loaded with `node --import` into `portcullis serve` by bench/lib/one-session-spans.mjs: times, inside
// the gateway, each HTTP request from its parsed headers to its response's end (diagnostics channels), each audit
// append from the call to its settling (the intent's is the wait before the upstream sees the call) and each commit
// from its post to the writer thread to the acknowledgement; at exit writes them as JSON to PORTCULLIS_SPANS_OUT.
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// <dist>/cli/main.js, or (bench/lib/serve-without-audit.mjs <config> <dist>) the dist it is given.
const dist =
  process.argv[3] && !process.argv[1].endsWith('main.js')
    ? resolve(process.argv[3])
    : resolve(dirname(process.argv[1]), '..');
register('./span-hooks.mjs', import.meta.url, {
  data: {
    audit: pathToFileURL(resolve(dist, 'audit/index.js')).href,
    writer: pathToFileURL(resolve(dist, 'storage/sqlite/audit-writer.js')).href,
    stdio: pathToFileURL(resolve(dist, 'backends/mcp/bounded-stdio.js')).href,
  },
});
const spans = (globalThis.__portcullisSpans ??= {});
const started = new WeakMap();
const clock = () => performance.timeOrigin + performance.now();
subscribe('http.server.request.start', ({ request }) => started.set(request, clock()));
subscribe('http.server.response.finish', ({ request }) => {
  const t0 = started.get(request);
  if (t0 !== undefined) (spans.http ??= []).push([t0, clock()]);
});
process.on('exit', () => {
  if (process.env.PORTCULLIS_SPANS_OUT) writeFileSync(process.env.PORTCULLIS_SPANS_OUT, JSON.stringify(spans));
});
