import { sinkConfigSchema, type SinkConfig } from '../config-schema.js';
import { createFileTransport } from './file-sink.js';
import type { SinkTransport } from './sink-runner.js';
import { createStdoutTransport } from './stdout-sink.js';
import { createSyslogTransport } from './syslog-sink.js';
import { createWebhookTransport } from './webhook-sink.js';

export { createSinkRunner, type SinkRunner, type SinkTransport } from './sink-runner.js';

export interface ResolvedSink {
  name: string;
  bufferSize: number;
  batchSize: number;
  transport: SinkTransport;
}

/** Builds the transport for one sink config (validated here, once). Names default to `<type>` / `<type>-<n>`. */
export function createSink(config: SinkConfig, index: number, used: Set<string>): ResolvedSink {
  const c = sinkConfigSchema.parse(config);
  let name = c.name ?? c.type;
  if (used.has(name)) name = `${c.type}-${index}`;
  used.add(name);
  let transport: SinkTransport;
  switch (c.type) {
    case 'stdout':
      transport = createStdoutTransport();
      break;
    case 'file':
      transport = createFileTransport({ path: c.path, maxBytes: c.maxBytes, maxFiles: c.maxFiles });
      break;
    case 'webhook':
      transport = createWebhookTransport({
        url: c.url,
        timeoutMs: c.timeoutMs,
        ...(c.headers ? { headers: c.headers } : {}),
      });
      break;
    case 'syslog':
      transport = createSyslogTransport({
        host: c.host,
        port: c.port,
        tls: c.tls,
        facility: c.facility,
        appName: c.appName,
        connectTimeoutMs: c.connectTimeoutMs,
      });
      break;
  }
  return { name, bufferSize: c.bufferSize, batchSize: c.batchSize, transport };
}
