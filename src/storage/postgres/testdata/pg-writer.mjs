// Child process for the PostgreSQL multi-writer crash test: one "gateway" appending to the shared audit chain under
// sustained load, printing "<seq> <requestId>" for every append whose promise resolved (its commit is durable).
// Usage: node pg-writer.mjs <dist dir> <postgres url> <dataDir> <name> <writers>
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, url, dataDir, name, writersArg] = process.argv.slice(2);
const { openStores } = await import(pathToFileURL(join(dist, 'storage', 'open-stores.js')).href);
const { createAuditLog } = await import(pathToFileURL(join(dist, 'audit', 'index.js')).href);
const stores = await openStores({ kind: 'postgres', url, migrateOnStart: true });
const log = await createAuditLog({
  dataDir,
  storage: stores.audit,
  checkpointEvery: { records: 500, ms: 60_000 },
  onWarning: (m) => process.stderr.write(`${m}\n`),
});
let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});

async function writer(id) {
  while (!stopping) {
    const requestId = randomUUID();
    const r = await log.append({
      type: 'tool.call.requested',
      requestId,
      agent: name,
      tool: 'crash.test',
      arguments: { n: id },
    });
    process.stdout.write(`${r.seq} ${requestId}\n`);
  }
}
process.stdout.write('ready\n');
await Promise.all(Array.from({ length: Number(writersArg ?? 16) }, (_, i) => writer(i)));
await log.close();
await stores.close();
process.exit(0);
