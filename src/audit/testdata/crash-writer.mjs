// Child process for the crash test: appends under sustained load from concurrent writers and prints
// "<seq> <requestId>" for every append whose promise resolved (i.e. whose commit was fsync'd). The parent
// kills it with SIGKILL mid-stream. Usage: node crash-writer.mjs <build>/audit/index.js <dataDir> <writers> <main|worker>
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const [modulePath, dataDir, writersArg, writerMode] = process.argv.slice(2);
const { createAuditLog } = await import(pathToFileURL(modulePath).href);
const log = await createAuditLog({
  dataDir,
  writer: writerMode ?? 'main',
  checkpointEvery: { records: 500, ms: 60_000 },
});
const writers = Number(writersArg ?? 16);

async function writer(id) {
  for (;;) {
    const requestId = randomUUID();
    const r = await log.append({
      type: 'tool.call.requested',
      requestId,
      agent: `writer-${id}`,
      tool: 'crash.test',
      arguments: { n: id },
    });
    process.stdout.write(`${r.seq} ${requestId}\n`);
  }
}
process.stdout.write('ready\n');
await Promise.all(Array.from({ length: writers }, (_, i) => writer(i)));
