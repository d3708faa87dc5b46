// Module hooks for bench/lib/serve-without-audit.mjs (bench only): the build's audit/index.js is served as itself
// plus a createAuditLog whose log drops every append (resolved as written, nothing redacted, chained or committed).
let target;

export function initialize(data) {
  target = data.target;
}

export async function load(url, context, next) {
  if (url !== target) return next(url, context);
  const real = JSON.stringify(`${url}?durable`);
  const source = `export * from ${real};
import { createAuditLog as durable } from ${real};
const dropped = async () => ({ seq: 0, hash: '', recorded: true });
export async function createAuditLog(options) {
  const log = await durable(options);
  return new Proxy(log, { get: (t, p) => (p === 'append' ? dropped : Reflect.get(t, p)) });
}
`;
  return { format: 'module', source, shortCircuit: true };
}
