// Bench only: the gateway exactly as `portcullis serve` builds it, but with a no-op record sink instead of the
// audit log, to measure what durable auditing costs. Never a product mode: the product has no way to turn audit off.
import { loadConfigFile } from '../../dist/config/load.js';
import { createGateway } from '../../dist/gateway/gateway.js';
import { startHttpFront } from '../../dist/front/http-server.js';
import { createSqliteStore } from '../../dist/storage/sqlite/sqlite-store.js';

const loaded = loadConfigFile(process.argv[2]);
loaded.config.server.port = 0;
const store = createSqliteStore(loaded.dataDir);
const gw = createGateway(loaded, { store, records: { intent: async () => undefined, outcome: async () => undefined }, log: () => undefined });
await gw.start();
const front = await startHttpFront(gw.front);
process.stdout.write(`listening on ${front.url}\n`);
process.on('SIGTERM', () => void front.close().then(() => gw.close()).finally(() => process.exit(0)));
