import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuditLog } from './audit-log.js';
import type { SinkTransport } from './sinks/sink-runner.js';
import type { AuditEventInput } from './types.js';

interface Sample {
  kind: string;
  value?: string;
  parts?: string[];
}

function loadCorpus(): Array<{ kind: string; value: string }> {
  const raw = JSON.parse(readFileSync(new URL('./testdata/pii-corpus.json', import.meta.url), 'utf8')) as {
    samples: Sample[];
  };
  const samples = raw.samples.map((s) => ({ kind: s.kind, value: s.value ?? s.parts!.join('') }));
  for (const type of ['ed25519', 'rsa'] as const) {
    const { privateKey } =
      type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 1024 }) : generateKeyPairSync('ed25519');
    samples.push({ kind: 'privateKey', value: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
  }
  return samples;
}

/** Byte patterns that would betray a sample: the text itself, its JSON-escaped form, and each line of multi-line samples. */
function needles(value: string): string[] {
  const out = new Set([value, JSON.stringify(value).slice(1, -1)]);
  for (const line of value.split('\n')) if (line.length >= 16 && !line.startsWith('-----')) out.add(line);
  return [...out];
}

const dirs: string[] = [];
afterEach(() => {
  // The anchor file sits next to the data directory, outside it.
  for (const d of dirs.splice(0))
    for (const p of [d, `${d}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
});

function eventsFor(samples: Array<{ kind: string; value: string }>, vault: string[]): AuditEventInput[] {
  const events: AuditEventInput[] = [];
  for (const { kind, value } of samples) {
    if (kind === 'path') {
      events.push({
        type: 'tool.call.requested',
        tool: 'crm.update',
        arguments: { customer: { reference: value, name: 'x' } },
      });
      continue;
    }
    if (kind === 'sensitiveKey') {
      events.push({
        type: 'tool.call.requested',
        tool: 'db.connect',
        arguments: { user: 'app', password: value, headers: { 'X-Api-Key': value } },
      });
      continue;
    }
    events.push({
      type: 'tool.call.failed',
      tool: 'crm.lookup',
      arguments: {
        query: value,
        text: `please use ${value} for this`,
        list: [value, { deep: [value] }],
        [`k ${value}`]: 1,
      },
      error: `upstream rejected ${value}`,
      reasons: [`saw ${value}`],
      detail: { echo: value },
    });
  }
  // Vault values also reach identity fields.
  for (const v of vault)
    events.push({
      type: 'auth.failed',
      user: `svc-${v}`,
      sourceAddress: '127.0.0.1',
      detail: { header: `Basic ${v}` },
    });
  return events;
}

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _e: BufferEncoding, cb: () => void) {
    this.text += chunk.toString();
    cb();
  }
}

describe('redaction acceptance: no corpus sample reaches the database file or a sink', () => {
  it.each(['mask', 'hmac'] as const)('mode %s', async (mode) => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-redaction-'));
    dirs.push(dir);
    const samples = loadCorpus();
    const vault = samples.filter((s) => s.kind === 'vault').map((s) => s.value);
    const stdout = new Collect();
    const custom: SinkTransport = {
      type: 'stdout',
      deliver: (records) =>
        new Promise((resolve) => stdout.write(records.map((r) => `${JSON.stringify(r)}\n`).join(''), () => resolve())),
      close: async () => undefined,
    };
    const all = (m: typeof mode) => ({
      privateKey: m,
      jwt: m,
      apiKey: m,
      email: m,
      iban: m,
      card: m,
      nationalId: m,
      phone: m,
    });
    const log = await createAuditLog({
      dataDir: dir,
      secretValues: () => vault,
      redaction: {
        detectors: all(mode),
        sensitiveKeys: mode,
        secretValues: mode,
        tools: { 'crm.*': [{ path: 'customer.reference', mode }] },
      },
      sinks: [
        { type: 'file', path: join(dir, 'sink', 'audit.jsonl') },
        { name: 'collector', transport: custom },
      ],
    });
    const events = eventsFor(samples, vault);
    const results = await Promise.all(events.map((e) => log.append(e)));
    expect(results.every((r) => r.recorded)).toBe(true);

    const files = () =>
      [join(dir, 'audit.db'), join(dir, 'audit.db-wal'), join(dir, 'sink', 'audit.jsonl')].filter((f) => existsSync(f));
    const haystacks: Array<[string, Buffer]> = files().map((f) => [f, readFileSync(f)]);
    await log.close();
    haystacks.push(...files().map((f): [string, Buffer] => [`${f} (after close)`, readFileSync(f)]));
    haystacks.push(['collector sink', Buffer.from(stdout.text)]);

    expect(haystacks.some(([name]) => name.endsWith('audit.db-wal'))).toBe(true);
    expect(stdout.text.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(events.length);
    const leaks: string[] = [];
    for (const { kind, value } of samples) {
      for (const needle of needles(value)) {
        for (const [name, bytes] of haystacks)
          if (bytes.includes(Buffer.from(needle))) leaks.push(`${kind} sample ${value.slice(0, 4)}… found in ${name}`);
      }
    }
    expect(leaks).toEqual([]);
    // The records are still useful: the surrounding text survives.
    expect(stdout.text).toContain('please use [');
    expect(stdout.text).toContain(mode === 'hmac' ? ':hmac:' : '[REDACTED:');
  });
});
