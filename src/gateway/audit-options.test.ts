import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../config/load.js';
import { auditOptionsOf } from './audit-options.js';

const dir = mkdtempSync(join(tmpdir(), 'pc-audit-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('audit options from the config', () => {
  it("a syslog sink's tls.ca names a PEM file (relative to the config file): TLS gets the file's text, not its path", () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    writeFileSync(join(dir, 'syslog-ca.pem'), pem);
    const config = parseConfigText(
      `audit:\n  sinks:\n    - { type: syslog, host: 127.0.0.1, port: 6514, tls: { ca: ./syslog-ca.pem, servername: logs } }\n    - { type: file, path: ./audit.jsonl }\n`,
      join(dir, 'portcullis.yaml'),
      {},
    );
    const opts = auditOptionsOf(
      { file: join(dir, 'portcullis.yaml'), baseDir: dir, dataDir: join(dir, 'data'), config },
      { log: () => undefined },
    );
    expect(opts.sinks?.[0]).toMatchObject({ type: 'syslog', tls: { ca: pem, servername: 'logs' } });
    expect(opts.sinks?.[1]).toMatchObject({ type: 'file', path: join(dir, 'audit.jsonl') });
  });
});
