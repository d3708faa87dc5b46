// Module hooks for bench/lib/span-register.mjs (bench only): the build's audit/index.js is served as itself with
// createAuditLog's `append` wrapped to time each call from its start to its settling, and
// storage/sqlite/audit-writer.js with the hand-off to the writer thread and its transaction timed
// (globalThis.__portcullisSpans collects them; span-register.mjs writes them out at exit), and
// backends/mcp/bounded-stdio.js with the moments a write to a stdio upstream leaves and its reply arrives marked.
let targets;

export function initialize(data) {
  targets = data;
}

// Times are on the clock every thread shares: performance.timeOrigin + performance.now(), in ms.
const timing = () => `const spans = (globalThis.__portcullisSpans ??= {});
const clock = () => performance.timeOrigin + performance.now();
const timed = (key, promise) => {
  const t0 = clock();
  return promise().finally(() => (spans[key] ??= []).push([t0, clock()]));
};
`;

export async function load(url, context, next) {
  if (url === targets.audit) {
    const real = JSON.stringify(`${url}?spans`);
    return {
      format: 'module',
      shortCircuit: true,
      source: `export * from ${real};
import { createAuditLog as durable } from ${real};
${timing()}
export async function createAuditLog(options) {
  const log = await durable(options);
  const append = log.append.bind(log);
  return new Proxy(log, {
    get: (t, p) =>
      p === 'append'
        ? (event, o) => timed('append ' + event.type + (o?.deferred ? ' (deferred)' : ''), () => append(event, o))
        : Reflect.get(t, p),
  });
}
`,
    };
  }
  if (url === targets.writer && !url.endsWith('?spans')) {
    // The writer thread's body is a string in this module: patched (bench only) so that each acknowledgement carries
    // when the thread took the batch, how long the transaction took and when it answered, on the shared clock
    // (performance.timeOrigin + now()); the main side's handler files them. A build whose text differs fails here.
    const loaded = await next(url, context);
    let source = String(loaded.source);
    const patch = (from, to) => {
      if (!source.includes(from)) throw new Error(`span-hooks: "${from}" not found in ${url}`);
      source = source.replace(from, to);
    };
    patch(
      'write(m);\n    parentPort.postMessage({ id: m.id });',
      'const t = () => performance.timeOrigin + performance.now(); const took = t(); write(m); const done = t();\n    parentPort.postMessage({ id: m.id, took, done });',
    );
    patch(
      "w.on('message', (m) => {",
      `w.on('message', (m) => {
            if (m.took !== undefined) {
                const posted = globalThis.__portcullisPosted?.get(m.id);
                globalThis.__portcullisPosted?.delete(m.id);
                if (posted !== undefined)
                  ((globalThis.__portcullisSpans ??= {}).commits ??= []).push([posted, m.took, m.done, performance.timeOrigin + performance.now()]);
            }`,
    );
    patch(
      'w.postMessage({ id, ...message });',
      '(globalThis.__portcullisPosted ??= new Map()).set(id, performance.timeOrigin + performance.now()); w.postMessage({ id, ...message });',
    );
    return { format: 'module', shortCircuit: true, source };
  }
  if (url === targets.stdio) {
    // When the gateway's batched write to a stdio upstream leaves (the stdin uncorked) and when its reply arrives.
    const loaded = await next(url, context);
    let source = String(loaded.source);
    const mark = (key) =>
      `((globalThis.__portcullisSpans ??= {})[${JSON.stringify(key)}] ??= []).push([performance.timeOrigin + performance.now()]);`;
    const patch = (from, to) => {
      if (!source.includes(from)) throw new Error(`span-hooks: "${from}" not found in ${url}`);
      source = source.replace(from, to);
    };
    patch('stdin.uncork();', `${mark('upstream write')} stdin.uncork();`);
    patch(
      "out.on('data', (chunk) => framer.push(chunk));",
      `out.on('data', (chunk) => { ${mark('upstream reply')} framer.push(chunk); });`,
    );
    return { format: 'module', shortCircuit: true, source };
  }
  return next(url, context);
}
