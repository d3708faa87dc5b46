/**
 * The notifier: `send()` queues a message and returns at once; a background task resolves the channel's
 * `${secret:NAME}` references (at send time, so a rotated secret needs no restart), POSTs the signed body and
 * retries transient failures with exponential backoff and full jitter, up to the channel's maxAttempts.
 * Every outcome is reported through `onEvent` (delivered, retrying, failed) for the caller to audit.
 */
import { randomUUID } from 'node:crypto';
import { attemptDelivery } from './attempt.js';
import type { ChannelConfig } from './config-schema.js';
import { slackBody, webhookBody } from './format.js';
import type { NotificationEvent, NotificationMessage, Notifier } from './types.js';

export interface NotifierDeps {
  /** Resolves `${secret:NAME}` references (the vault's SecretResolver.resolve); throws for an unknown name. */
  resolve(text: string): Promise<string>;
  /** Told about every delivery outcome; exceptions it throws are ignored. */
  onEvent?: (event: NotificationEvent) => void;
  now?: () => number;
  random?: () => number;
}

export interface NotifierOptions {
  /** The channels, or a function read at each send (so a reloaded config applies to the next message). */
  channels: Record<string, ChannelConfig> | (() => Record<string, ChannelConfig>);
  /** Messages queued or in retry at once; beyond it a message is reported failed at once (default 1000). */
  maxPending?: number;
}

/** Full jitter: a uniform delay in [0, min(max, initial * 2^(attempt-1))] (attempt counts from 1). */
export function backoffDelay(ch: ChannelConfig, attempt: number, random: () => number): number {
  const ceiling = Math.min(ch.maxDelayMs, ch.initialDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.floor(random() * ceiling);
}

export function createNotifier(deps: NotifierDeps, options: NotifierOptions): Notifier {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const maxPending = options.maxPending ?? 1000;
  const current = (): Record<string, ChannelConfig> =>
    typeof options.channels === 'function' ? options.channels() : options.channels;
  const closing = new AbortController();
  const pending = new Set<Promise<void>>();

  const report = (event: NotificationEvent): void => {
    try {
      deps.onEvent?.(event);
    } catch {
      // A failing observer must not break delivery (nor the caller).
    }
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (closing.signal.aborted) return resolve();
      const t = setTimeout(done, ms);
      function done(): void {
        clearTimeout(t);
        closing.signal.removeEventListener('abort', done);
        resolve();
      }
      closing.signal.addEventListener('abort', done, { once: true });
    });

  async function deliver(name: string, ch: ChannelConfig, message: NotificationMessage): Promise<void> {
    const delivery = randomUUID();
    const base = { channel: name, kind: message.kind, id: message.id, delivery };
    const body = ch.type === 'slack' ? slackBody(message) : webhookBody(message, delivery, new Date(now()));
    let attempt = 0;
    for (;;) {
      attempt++;
      let outcome;
      try {
        const url = await deps.resolve(ch.url);
        const secret = ch.secret === undefined ? undefined : await deps.resolve(ch.secret);
        outcome = await attemptDelivery({
          url,
          body,
          secret,
          delivery,
          kind: message.kind,
          timeoutMs: ch.timeoutMs,
          signal: closing.signal,
          now,
        });
      } catch (e) {
        // Only the error's class name: a resolver message names the secret, never its value, but stay minimal.
        outcome = { ok: false as const, retry: false, reason: `secret reference not resolved (${(e as Error).name})` };
      }
      if (outcome.ok) return report({ type: 'delivered', ...base, attempts: attempt });
      if (!outcome.retry || attempt >= ch.maxAttempts || closing.signal.aborted) {
        const reason = closing.signal.aborted && outcome.retry ? `${outcome.reason}; notifier closed` : outcome.reason;
        return report({ type: 'failed', ...base, attempts: attempt, reason });
      }
      const delayMs = Math.min(ch.maxDelayMs, Math.max(backoffDelay(ch, attempt, random), outcome.retryAfterMs ?? 0));
      report({ type: 'retrying', ...base, attempt, delayMs, reason: outcome.reason });
      await sleep(delayMs);
      if (closing.signal.aborted) {
        return report({ type: 'failed', ...base, attempts: attempt, reason: `${outcome.reason}; notifier closed` });
      }
    }
  }

  return {
    send(channel, message) {
      const all = current();
      const ch = Object.hasOwn(all, channel) ? all[channel] : undefined;
      const fail = (reason: string): void =>
        queueMicrotask(() =>
          report({ type: 'failed', channel, kind: message.kind, id: message.id, delivery: '', attempts: 0, reason }),
        );
      if (closing.signal.aborted) return fail('notifier closed');
      if (!ch) return fail('unknown channel');
      if (pending.size >= maxPending) return fail(`queue full (${maxPending} messages pending)`);
      const p: Promise<void> = deliver(channel, ch, message)
        .catch(() => undefined)
        .finally(() => pending.delete(p));
      pending.add(p);
    },
    channels: () => Object.keys(current()),
    async close() {
      // Backoff waits end at once and in-flight requests are aborted; each undelivered message is reported failed.
      closing.abort();
      await Promise.allSettled([...pending]);
    },
  };
}
