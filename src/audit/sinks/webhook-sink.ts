import type { SinkTransport } from './sink-runner.js';

export interface WebhookTransportOptions {
  url: string;
  /** Extra headers (e.g. an Authorization header for the collector). Never logged. */
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** POSTs each batch as `{"records":[...]}`; any non-2xx answer or network error makes the runner retry the batch. */
export function createWebhookTransport(options: WebhookTransportOptions): SinkTransport {
  const url = new URL(options.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('webhook sink: url must be http(s)');
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    type: 'webhook',
    async deliver(records) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify({ records }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
    },
    async close() {},
  };
}
