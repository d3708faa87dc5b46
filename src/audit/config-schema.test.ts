import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createAuditLog } from './audit-log.js';
import { auditConfigSchema } from './config-schema.js';

describe('auditConfigSchema', () => {
  it('fills defaults for an empty section', () => {
    expect(auditConfigSchema.parse({})).toEqual({
      checkpointEvery: { records: 1000, ms: 1000 },
      writer: 'worker',
      busyTimeoutMs: 250,
      failMode: 'closed',
      sinks: [],
    });
  });

  it('accepts a full YAML section and its output configures a working log', async () => {
    const section = parseYaml(`
failMode: open
writer: worker
checkpointEvery: { records: 50, ms: 5000 }
redaction:
  detectors: { phone: off, email: hmac }
  sensitiveKeys: drop
  tools:
    "billing.*": [{ path: card.number, mode: mask }]
sinks:
  - { type: stdout, bufferSize: 100 }
  - { type: file, path: ./audit.jsonl, maxFiles: 3 }
  - { type: webhook, url: "https://siem.example.com/ingest", headers: { authorization: "Bearer x" } }
  - { type: syslog, host: siem.example.com, port: 6514, tls: true }
retention: { maxAgeDays: 90 }
`) as unknown;
    const cfg = auditConfigSchema.parse(section);
    expect(cfg.sinks.map((s) => s.type)).toEqual(['stdout', 'file', 'webhook', 'syslog']);
    expect(cfg.retention).toEqual({ maxAgeDays: 90, intervalMs: 3_600_000 });
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-audit-cfg-'));
    try {
      const warnings: string[] = [];
      const log = await createAuditLog({ dataDir: dir, ...cfg, sinks: [], onWarning: (m) => warnings.push(m) });
      const r = await log.append({
        type: 'tool.call.requested',
        tool: 'billing.charge',
        arguments: { card: { number: '4111111111111111' }, email: 'a@b.example' },
      });
      // failMode "open" answers an append it could not write with recorded: false (and a warning) instead of failing.
      expect(r.recorded, warnings.join('\n')).toBe(true);
      const rec = (await log.query({ fromSeq: r.seq, toSeq: r.seq })).records[0]!;
      expect(rec.arguments).toMatchObject({
        card: { number: '[REDACTED:path]' },
        email: expect.stringMatching(/^\[email:hmac:[0-9a-f]{32}\]$/),
      });
      await log.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(`${dir}.audit-anchor.jsonl`, { force: true });
    }
  });

  it.each([
    [{ failMode: 'sometimes' }, 'failMode'],
    [{ sinks: [{ type: 'webhook', url: 'ftp://x' }] }, 'url'],
    [{ sinks: [{ type: 'syslog', host: 'h' }] }, 'port'],
    [{ sinks: [{ type: 'file', path: 'x', colour: 'red' }] }, 'colour'],
    [{ redaction: { detectors: { retina: 'mask' } } }, 'retina'],
    [{ retention: {} }, 'maxAgeDays or maxRecords'],
  ])('rejects %j', (input, mention) => {
    const r = auditConfigSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(mention);
  });
});
