import type { Writable } from 'node:stream';
import type { SinkTransport } from './sink-runner.js';

/** One JSON object per line on stdout (or any writable, for tests and embedding). */
export function createStdoutTransport(options: { stream?: Writable } = {}): SinkTransport {
  const stream = options.stream ?? process.stdout;
  return {
    type: 'stdout',
    deliver(records) {
      const text = records.map((r) => `${JSON.stringify(r)}\n`).join('');
      return new Promise<void>((resolve, reject) => {
        stream.write(text, (err) => (err ? reject(err) : resolve()));
      });
    },
    async close() {},
  };
}
