import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { loadConfigFile } from './load.js';
import { localFilesOf } from './local-files.js';
import { parseConfigText } from './load.js';

const dir = mkdtempSync(join(tmpdir(), 'pc-local-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `text` as a config in a fresh directory and loads it with the local-file check; returns its issues. */
function issuesOf(text: string, files: Record<string, string> = {}, dirs: string[] = []) {
  const base = mkdtempSync(join(dir, 'cfg-'));
  for (const d of dirs) mkdirSync(join(base, d), { recursive: true });
  for (const [name, body] of Object.entries(files)) writeFileSync(join(base, name), body, { mode: 0o600 });
  const file = join(base, 'portcullis.yaml');
  writeFileSync(file, text);
  try {
    loadConfigFile(file, {}, { requireLocalFiles: true });
    return { base, file, issues: [] };
  } catch (e) {
    if (e instanceof ConfigError) return { base, file, issues: e.issues };
    throw e;
  }
}

const KEY = 'a'.repeat(64);

describe('local files a config names', () => {
  it('a missing OpenAPI spec is an error naming file, line, key path and the resolved file', () => {
    const { base, file, issues } = issuesOf(`dataDir: ./data\nopenapi:\n  billing:\n    spec: ./billing.yaml\n`);
    expect(issues).toEqual([
      {
        file,
        line: 4,
        column: 11,
        path: 'openapi.billing.spec',
        message: `OpenAPI spec ${join(base, 'billing.yaml')} does not exist`,
      },
    ]);
  });

  it('a remote spec is not checked (a remote API that is down stays a runtime condition)', () => {
    expect(issuesOf(`openapi:\n  b:\n    spec: https://127.0.0.1:1/openapi.json\n`).issues).toEqual([]);
  });

  it('without requireLocalFiles the config still loads (commands that never read those files)', () => {
    const base = mkdtempSync(join(dir, 'plain-'));
    const file = join(base, 'p.yaml');
    writeFileSync(file, `openapi:\n  b:\n    spec: ./gone.yaml\n`);
    expect(loadConfigFile(file, {}).config.openapi.b!.spec).toBe('./gone.yaml');
  });

  it('a directory where a file belongs is unreadable: named as such', () => {
    const { issues } = issuesOf(`openapi:\n  b:\n    spec: ./specs\n`, {}, ['specs']);
    expect(issues.map((i) => [i.path, i.message.replace(/ \/.*\/specs /, ' ')])).toEqual([
      ['openapi.b.spec', 'OpenAPI spec is a directory, not a file'],
    ]);
  });

  it('TLS material, vault key file and dir, syslog CA, stdio cwd and command: every one is checked', () => {
    const text = `vault:
  provider: file
  dir: ./secrets
  masterKeyFile: ./keys/master.keys
server:
  tls: { cert: ./tls/cert.pem, key: ./tls/key.pem, clientCa: ./tls/ca.pem, crl: ./tls/crl.pem }
audit:
  sinks:
    - { type: syslog, host: 127.0.0.1, port: 6514, tls: { ca: ./syslog-ca.pem } }
upstreams:
  local:
    transport: stdio
    command: ./bin/server
    cwd: ./srv
`;
    const { issues } = issuesOf(text);
    expect(issues.map((i) => `${i.line}:${i.path}`)).toEqual([
      '3:vault.dir',
      '4:vault.masterKeyFile',
      '6:server.tls.cert',
      '6:server.tls.key',
      '6:server.tls.clientCa',
      '6:server.tls.crl',
      '9:audit.sinks.0.tls.ca',
      '13:upstreams.local.command',
      '14:upstreams.local.cwd',
    ]);
    // All present: no file is missing; the TLS files that hold no TLS material are refused for what they hold
    // (file-contents.ts; key-files e2e has real ones).
    const present = issuesOf(
      text,
      {
        'tls/cert.pem': 'x',
        'tls/key.pem': 'x',
        'tls/ca.pem': 'x',
        'tls/crl.pem': 'x',
        'syslog-ca.pem': 'x',
        'keys/master.keys': `${KEY}\n`,
        'srv/bin/server': '#!/bin/sh\n',
      },
      ['tls', 'keys', 'secrets', 'srv/bin'],
    );
    expect(present.issues.map((i) => [i.path, i.message.replace(/^.* \/\S+ /, '')])).toEqual([
      ['server.tls.cert', 'does not hold a PEM certificate (no start line)'],
      ['server.tls.key', 'does not hold a PEM private key (unsupported)'],
      ['server.tls.clientCa', 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)'],
      ['server.tls.crl', 'does not hold a PEM certificate revocation list (Failed to parse CRL)'],
      ['audit.sinks.0.tls.ca', 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)'],
    ]);
  });

  it('a stdio command given as a path resolves against its cwd; a bare name is left to PATH', () => {
    const c = parseConfigText(
      `upstreams:\n  a: { transport: stdio, command: ./run.sh, cwd: ./tools }\n  b: { transport: stdio, command: npx }\n`,
      'x.yaml',
      {},
    );
    expect(localFilesOf(c, '/etc/pc')).toEqual([
      { path: ['upstreams', 'a', 'cwd'], file: '/etc/pc/tools', kind: 'dir', what: 'working directory' },
      { path: ['upstreams', 'a', 'command'], file: '/etc/pc/tools/run.sh', kind: 'file', what: 'command' },
    ]);
  });

  it('keys created on first use may be absent, but not be a directory', () => {
    const text = `audit:\n  signingKeyPath: ./audit.pem\n  anchorPath: ./anchor.jsonl\npins:\n  signing: { keyFile: ./tool.pem }\n`;
    expect(issuesOf(text).issues).toEqual([]);
    const { issues } = issuesOf(text, {}, ['audit.pem', 'tool.pem']);
    expect(issues.map((i) => [i.path, i.message.endsWith('is a directory, not a file')])).toEqual([
      ['audit.signingKeyPath', true],
      ['pins.signing.keyFile', true],
    ]);
  });

  it('the vault key file is opened as the vault opens it: bad content and loose modes are refused now', () => {
    const text = `vault:\n  masterKeyFile: ./master.keys\n`;
    const bad = issuesOf(text, { 'master.keys': 'not a key\n' }).issues;
    expect(bad).toHaveLength(1);
    expect(bad[0]!.message).toMatch(/master\.keys line 1: a master key is 32 random bytes/);
    expect(bad[0]!.message).not.toContain('not a key');
    const loose = issuesOf(text, { 'master.keys': `${KEY}\n` });
    chmodSync(join(loose.base, 'master.keys'), 0o644);
    expect(() => loadConfigFile(loose.file, {}, { requireLocalFiles: true })).toThrow(/readable by others: chmod 600/);
  });
});
