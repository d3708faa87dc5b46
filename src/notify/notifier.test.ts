import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { envProvider } from '../vault/providers.js';
import { createSecretResolver } from '../vault/references.js';
import { channelSchema, type ChannelConfig } from './config-schema.js';
import { createNotifier } from './notifier.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature } from './signature.js';
import type { NotificationEvent, NotificationMessage } from './types.js';

const SECRET = 'whsec-test-9f8e7d6c5b4a';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  verified: boolean;
}

/** A real receiver on 127.0.0.1: verifies each signature and answers `statuses` in turn (then 200). */
async function startReceiver(statuses: number[] = []): Promise<{ url: string; got: Received[]; server: Server }> {
  const got: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verified = verifyWebhookSignature({
        secret: SECRET,
        body,
        timestamp: req.headers[TIMESTAMP_HEADER] as string | undefined,
        signature: req.headers[SIGNATURE_HEADER] as string | undefined,
      }).ok;
      got.push({ headers: req.headers, body, verified });
      const status = statuses.shift() ?? 200;
      res.writeHead(verified ? status : 401).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=URLSECRET`, got, server };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const message: NotificationMessage = {
  kind: 'approval.requested',
  id: 'apr_123',
  title: 'Refund of 1200 EUR needs approval',
  text: 'Agent ops-bot asks to call payments_refund <script>',
  link: 'https://gw.example/approvals/apr_123',
  fields: { tool: 'payments_refund', risk: 'high' },
};

const channel = (over: Record<string, unknown>): ChannelConfig =>
  channelSchema.parse({ type: 'webhook', secret: '${secret:HOOK_KEY}', initialDelayMs: 5, maxDelayMs: 20, ...over });

function harness(channels: Record<string, ChannelConfig>, env: Record<string, string> = {}) {
  const events: NotificationEvent[] = [];
  let settle: (() => void) | undefined;
  const resolver = createSecretResolver(envProvider({ HOOK_KEY: SECRET, ...env }));
  const notifier = createNotifier(
    {
      resolve: (t) => resolver.resolve(t),
      onEvent: (e) => {
        events.push(e);
        if (e.type !== 'retrying') settle?.();
      },
    },
    { channels },
  );
  /** Resolves once `n` messages reached a final outcome (delivered or failed). */
  const finals = (n: number) =>
    new Promise<NotificationEvent[]>((resolve) => {
      const check = () => {
        const done = events.filter((e) => e.type !== 'retrying');
        if (done.length >= n) resolve(done);
      };
      settle = check;
      check();
    });
  return { notifier, events, finals };
}

describe('notifier (real HTTP receiver)', () => {
  it('delivers a signed JSON webhook without blocking the caller', async () => {
    const rx = await startReceiver();
    const { notifier, finals, events } = harness({ ops: channel({ url: rx.url }) });
    notifier.send('ops', message);
    expect(rx.got).toHaveLength(0); // send() returned before anything went out
    expect(events).toHaveLength(0);
    const [done] = await finals(1);
    expect(done).toMatchObject({ type: 'delivered', channel: 'ops', kind: 'approval.requested', attempts: 1 });
    expect(rx.got).toHaveLength(1);
    expect(rx.got[0]!.verified).toBe(true);
    expect(rx.got[0]!.headers['portcullis-event']).toBe('approval.requested');
    const body = JSON.parse(rx.got[0]!.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      kind: 'approval.requested',
      id: 'apr_123',
      link: message.link,
      fields: message.fields,
    });
    expect(body.delivery).toBe(rx.got[0]!.headers['portcullis-delivery']);
    await notifier.close();
  });

  it('retries 5xx and 429 with backoff until the receiver accepts; one delivery id across attempts', async () => {
    const rx = await startReceiver([503, 500, 429]);
    const { notifier, finals, events } = harness({ ops: channel({ url: rx.url, maxAttempts: 5 }) });
    notifier.send('ops', message);
    const [done] = await finals(1);
    expect(done).toMatchObject({ type: 'delivered', attempts: 4 });
    expect(rx.got).toHaveLength(4);
    expect(rx.got.every((r) => r.verified)).toBe(true);
    expect(new Set(rx.got.map((r) => r.headers['portcullis-delivery'])).size).toBe(1);
    const retries = events.filter((e) => e.type === 'retrying');
    expect(retries.map((e) => (e.type === 'retrying' ? e.reason : ''))).toEqual(['HTTP 503', 'HTTP 500', 'HTTP 429']);
    for (const r of retries) if (r.type === 'retrying') expect(r.delayMs).toBeLessThanOrEqual(20);
    await notifier.close();
  });

  it('gives up after maxAttempts and reports the failure without the URL or the secret', async () => {
    const rx = await startReceiver([500, 500, 500, 500]);
    const { notifier, finals, events } = harness({ ops: channel({ url: rx.url, maxAttempts: 3 }) });
    notifier.send('ops', message);
    const [done] = await finals(1);
    expect(done).toMatchObject({ type: 'failed', attempts: 3, reason: 'HTTP 500' });
    expect(rx.got).toHaveLength(3);
    const all = JSON.stringify(events);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain('URLSECRET');
    await notifier.close();
  });

  it('does not retry a permanent 4xx, nor follow a redirect', async () => {
    const rx = await startReceiver([404, 302]);
    const { notifier, finals } = harness({ a: channel({ url: rx.url }), b: channel({ url: rx.url }) });
    notifier.send('a', message);
    await finals(1);
    notifier.send('b', { ...message, id: 'apr_124' });
    const done = await finals(2);
    expect(done.map((e) => (e.type === 'failed' ? [e.attempts, e.reason] : e.type))).toEqual([
      [1, 'HTTP 404'],
      [1, 'HTTP 302 (redirects are not followed)'],
    ]);
    await notifier.close();
  });

  it('a receiver with the wrong secret refuses (401): the signature really is checked', async () => {
    const rx = await startReceiver();
    const { notifier, finals } = harness({ ops: channel({ url: rx.url, secret: '${secret:OTHER}' }) }, { OTHER: 'x' });
    notifier.send('ops', message);
    const [done] = await finals(1);
    expect(done).toMatchObject({ type: 'failed', reason: 'HTTP 401' });
    expect(rx.got[0]!.verified).toBe(false);
    await notifier.close();
  });

  it('resolves the URL and the secret at send time; a missing secret fails closed with no request', async () => {
    const rx = await startReceiver();
    const env: Record<string, string> = {};
    const { notifier, finals } = harness(
      { ops: channel({ url: '${secret:HOOK_URL}', secret: '${secret:HOOK_KEY}' }) },
      env,
    );
    notifier.send('ops', message);
    const [first] = await finals(1);
    expect(first).toMatchObject({
      type: 'failed',
      attempts: 1,
      reason: 'secret reference not resolved (SecretReferenceError)',
    });
    expect(rx.got).toHaveLength(0);
    await notifier.close();
    // The same channel with the URL stored as a secret: it is looked up per message.
    const h2 = harness({ ops: channel({ url: '${secret:HOOK_URL}' }) }, { HOOK_URL: rx.url });
    h2.notifier.send('ops', message);
    expect((await h2.finals(1))[0]).toMatchObject({ type: 'delivered' });
    expect(rx.got[0]!.verified).toBe(true);
    await h2.notifier.close();
  });

  it('posts a Slack-compatible message (text + blocks, escaped mrkdwn, link button)', async () => {
    const rx = await startReceiver();
    const { notifier, finals } = harness({ chat: channelSchema.parse({ type: 'slack', url: rx.url }) });
    notifier.send('chat', message);
    await finals(1);
    const body = JSON.parse(rx.got[0]!.body) as { text: string; blocks: { type: string; [k: string]: unknown }[] };
    expect(body.text).toContain('Refund of 1200 EUR needs approval');
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'actions', 'context']);
    expect(JSON.stringify(body.blocks[1])).toContain('&lt;script&gt;');
    expect(body.blocks[3]).toMatchObject({ elements: [{ type: 'button', url: message.link }] });
    expect(rx.got[0]!.headers[SIGNATURE_HEADER]).toBeUndefined(); // no secret configured: unsigned
    await notifier.close();
  });

  it('never throws from send: unknown channel and closed notifier are reported', async () => {
    const { notifier, finals } = harness({});
    expect(() => notifier.send('nope', message)).not.toThrow();
    expect((await finals(1))[0]).toMatchObject({ type: 'failed', channel: 'nope', reason: 'unknown channel' });
    await notifier.close();
    notifier.send('nope', message);
    expect((await finals(2))[1]).toMatchObject({ type: 'failed', reason: 'notifier closed' });
  });

  it('close() ends backoff waits and reports the undelivered message as failed', async () => {
    const rx = await startReceiver([503, 503, 503]);
    const { notifier, events } = harness({
      ops: channel({ url: rx.url, maxAttempts: 5, initialDelayMs: 60_000, maxDelayMs: 60_000 }),
    });
    const retrying = new Promise<void>((resolve) => {
      const t = setInterval(() => events.some((e) => e.type === 'retrying') && (clearInterval(t), resolve()), 5);
    });
    notifier.send('ops', message);
    await retrying;
    await notifier.close();
    expect(events.at(-1)).toMatchObject({ type: 'failed', reason: 'HTTP 503; notifier closed' });
  });
});
