// Bench only: `portcullis serve` exactly as shipped (runGateway: logger, metrics, approvals service and its timeout
// sweep, notifier, signing, admin routes, hot reload) except that the audit log's `append` does nothing, to measure
// what durable auditing costs and nothing else. The audit log is still opened (its start-up checks, its store) but
// no event is redacted, chained or committed. Never a product mode: the product has no way to turn audit off.
// Usage: serve-without-audit.mjs <config> [dist=../../dist] (another build's dist/ for A/B runs).
import { register } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(process.argv[3] ?? resolve(import.meta.dirname, '../../dist'));
const from = (p) => import(pathToFileURL(resolve(dist, p)).href);
// The composition root imports createAuditLog from audit/index.js: that module is served with createAuditLog
// wrapped (bench/lib/no-durable-audit-hooks.mjs); everything else loads unchanged.
register('./no-durable-audit-hooks.mjs', import.meta.url, {
  data: { target: pathToFileURL(resolve(dist, 'audit/index.js')).href },
});
const { loadConfigFile } = await from('config/load.js');
const { runGateway, stopOnSignals } = await from('cli/runtime.js');

const loaded = loadConfigFile(process.argv[2]);
loaded.config.server.port = 0;
const running = await runGateway(loaded);
process.stdout.write(`listening on ${running.front.url} (audit off)\n`);
stopOnSignals(running);
