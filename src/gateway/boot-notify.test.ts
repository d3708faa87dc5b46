import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../config/load.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature } from '../notify/index.js';
import { bootGateway } from './boot.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('boot: notifier from notifications.channels, outcomes audited', () => {
  it('delivers a signed message resolved from the vault provider and audits delivered and failed', async () => {
    const key = 'boot-hook-key-5a1b';
    const seen: boolean[] = [];
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push(
          verifyWebhookSignature({
            secret: key,
            body: Buffer.concat(chunks),
            timestamp: req.headers[TIMESTAMP_HEADER] as string,
            signature: req.headers[SIGNATURE_HEADER] as string,
          }).ok,
        );
        res.writeHead(req.url === '/gone' ? 410 : 204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as AddressInfo).port;
    const dir = mkdtempSync(join(tmpdir(), 'pcl-boot-notify-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));

    writeFileSync(join(dir, 'HOOK_KEY'), `${key}\n`);
    const file = join(dir, 'portcullis.yaml');
    writeFileSync(
      file,
      [
        'dataDir: data',
        'vault: { provider: file, dir: . }',
        'notifications:',
        '  channels:',
        `    ok: { type: webhook, url: "http://127.0.0.1:${port}/hook", secret: "\${secret:HOOK_KEY}" }`,
        `    gone: { type: webhook, url: "http://127.0.0.1:${port}/gone", secret: "\${secret:HOOK_KEY}" }`,
      ].join('\n'),
    );
    const logs: string[] = [];
    const booted = await bootGateway(loadConfigFile(file, {}), { log: (m) => logs.push(m) });
    cleanups.push(() => booted.close());
    expect(booted.notifier.channels().sort()).toEqual(['gone', 'ok']);
    booted.notifier.send('ok', { kind: 'approval.requested', id: 'apr_1', title: 't', text: 'x' });
    booted.notifier.send('gone', { kind: 'approval.requested', id: 'apr_2', title: 't', text: 'x' });
    const events = async () => (await booted.audit.query({})).records.filter((e) => e.type.startsWith('notification.'));
    for (let i = 0; i < 200 && (await events()).length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    const got = await events();
    expect(got.map((e) => [e.type, e.approvalId, e.detail?.channel]).sort()).toEqual([
      ['notification.delivered', 'apr_1', 'ok'],
      ['notification.failed', 'apr_2', 'gone'],
    ]);
    expect(got.find((e) => e.type === 'notification.failed')?.detail).toMatchObject({
      reason: 'HTTP 410',
      attempts: 1,
    });
    expect(seen).toEqual([true, true]);
    // Resolving the channel key on the outbound path is audited as secret.accessed: the first use at once, the
    // second message's use counted for the next record (not one audit write per use).
    const accessed = (await booted.audit.query({ type: 'secret.accessed' })).records;
    expect(accessed.map((e) => e.detail)).toEqual([
      expect.objectContaining({ name: 'HOOK_KEY', provider: 'file', count: 1 }),
    ]);
    expect(JSON.stringify({ got, logs })).not.toContain(key);
  });
});
