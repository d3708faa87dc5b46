// Bench only: the gateway exactly as `portcullis serve` builds it, but with a no-op record sink instead of the
// audit log, to measure what durable auditing costs. Never a product mode: the product has no way to turn audit off.
// Usage: serve-without-audit.mjs <config> [dist=../../dist] (another build's dist/ for A/B runs).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(process.argv[3] ?? resolve(import.meta.dirname, '../../dist'));
const from = (p) => import(pathToFileURL(resolve(dist, p)).href);
const { loadConfigFile } = await from('config/load.js');
const { createGateway } = await from('gateway/gateway.js');
const { startHttpFront } = await from('front/http-server.js');
const { openStores } = await from('storage/open-stores.js');

const loaded = loadConfigFile(process.argv[2]);
loaded.config.server.port = 0;
const store = await openStores(loaded);
const gw = createGateway(loaded, {
  store,
  records: { intent: async () => undefined, outcome: async () => undefined },
  log: () => undefined,
});
await gw.start();
const front = await startHttpFront(gw.front);
process.stdout.write(`listening on ${front.url}\n`);
process.on(
  'SIGTERM',
  () =>
    void front
      .close()
      .then(() => gw.close())
      .finally(() => process.exit(0)),
);
