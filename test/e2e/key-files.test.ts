// A key or certificate file the config names that is there but holds garbage, or the wrong kind of key, is refused by
// `validate` (exit 2) with the error `serve` stops with, naming file, line, key path and what is wrong with the file,
// never its contents; a hot reload refuses it as config.reload.failed and keeps the running config. Before, `validate`
// only checked that the file existed (exit 0), and `serve` stopped with an OpenSSL stack trace (a TLS file), started
// and then failed every handshake (a CA bundle with no certificate, a key that is not the certificate's), or started
// with an empty HMAC key (a redaction key file that is not hex).
// The real CLI (`validate`, `serve`), a real SDK client, real OpenSSL-made certificates.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditQuery, cli, connectAgent, eventually, startGateway, stdioUpstream, tempDir } from './harness.js';
import { openssl, selfSignedCertificate } from './support/pki.js';

const dir = tempDir('portcullis-key-files-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text planted in every bad file: none of it may reach an error, a log line or an audit record. */
const MARK = 'ZqX7mK2vNp9LwR4tYb8';
const garbage = (label: string) => `-----BEGIN ${label}-----\n${MARK}\n-----END ${label}-----\n`;

// A real RSA certificate and key, an EC key that is not the certificate's, an RSA key where Ed25519 is needed.
selfSignedCertificate(dir, 'rsa', { cn: '127.0.0.1', days: 2 });
openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ec.key'], dir);
const write = (name: string, text: string, mode = 0o600) => {
  const f = join(dir, name);
  writeFileSync(f, text, { mode });
  return f;
};
write('bad-cert.pem', garbage('CERTIFICATE'));
write('bad-key.pem', garbage('PRIVATE KEY'));
write('bad-ca.pem', `just some notes ${MARK}\n`);
write('bad-crl.pem', garbage('X509 CRL'));
write('bad-hmac.key', `${MARK}-not-hex\n`);
write('ed25519.pem', generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());

const tls = (cert: string, key: string, extra = '') => `server:\n  tls: { cert: ${cert}, key: ${key}${extra} }\n`;
const cases: { name: string; text: string; error: string }[] = [
  {
    name: 'a TLS certificate that holds no certificate',
    text: tls('./bad-cert.pem', './rsa.key'),
    error: `:3:16: server.tls.cert: TLS certificate ${join(dir, 'bad-cert.pem')} does not hold a PEM certificate (bad base64 decode)`,
  },
  {
    name: 'a TLS private key that holds no key',
    text: tls('./rsa.crt', './bad-key.pem'),
    error: `:3:32: server.tls.key: TLS private key ${join(dir, 'bad-key.pem')} does not hold a PEM private key (`,
  },
  {
    name: "a TLS private key that is not the certificate's (another type: OpenSSL takes it)",
    text: tls('./rsa.crt', './ec.key'),
    error: `:3:32: server.tls.key: TLS private key ${join(dir, 'ec.key')} is not the private key of the certificate ${join(dir, 'rsa.crt')}`,
  },
  {
    name: 'a client CA bundle with no certificate (OpenSSL takes it and trusts nothing)',
    text: tls('./rsa.crt', './rsa.key', ', clientCa: ./bad-ca.pem'),
    error: `:3:53: server.tls.clientCa: client CA certificate ${join(dir, 'bad-ca.pem')} holds no PEM certificate`,
  },
  {
    name: 'a CRL that does not parse',
    text: tls('./rsa.crt', './rsa.key', ', crl: ./rsa.crt'),
    error: `:3:48: server.tls.crl: certificate revocation list ${join(dir, 'rsa.crt')} does not hold a PEM certificate revocation list`,
  },
  {
    name: 'an audit signing key that holds no key',
    text: 'audit:\n  signingKeyPath: ./bad-key.pem\n',
    error: `:3:19: audit.signingKeyPath: audit signing key ${join(dir, 'bad-key.pem')} does not hold a PEM private key`,
  },
  {
    name: 'an audit signing key of the wrong kind (RSA)',
    text: 'audit:\n  signingKeyPath: ./rsa.key\n',
    error: `:3:19: audit.signingKeyPath: audit signing key ${join(dir, 'rsa.key')} holds a private key of type RSA; checkpoints are signed with Ed25519`,
  },
  {
    name: 'a tool signing key that holds no key',
    text: 'pins:\n  signing: { keyFile: ./bad-key.pem }\n',
    error: `:3:23: pins.signing.keyFile: tool signing key ${join(dir, 'bad-key.pem')} does not hold an Ed25519 private key (PKCS#8 PEM)`,
  },
  {
    name: 'a redaction HMAC key that is not hex (it was read as an empty key)',
    text: 'audit:\n  redaction:\n    detectors: { email: hmac }\n    hmacKeyPath: ./bad-hmac.key\n',
    error: `:5:18: audit.redaction.hmacKeyPath: redaction HMAC key ${join(dir, 'bad-hmac.key')} does not hold a hex-encoded key`,
  },
  {
    name: "a syslog sink's CA with no certificate",
    text: 'audit:\n  sinks:\n    - { type: syslog, host: 127.0.0.1, port: 6514, tls: { ca: ./bad-ca.pem } }\n',
    error: `:4:63: audit.sinks.0.tls.ca: syslog CA certificate ${join(dir, 'bad-ca.pem')} holds no PEM certificate`,
  },
];

describe('key and certificate files that are there but hold what the gateway cannot use', () => {
  for (const [i, c] of cases.entries()) {
    it(`${c.name}: validate and serve refuse it alike, naming file, line, key and what is wrong`, () => {
      const data = join(dir, `data-${i}`);
      const file = write(`case-${i}.yaml`, `dataDir: ${data}\n${c.text}`);
      const validate = cli(['validate', '--config', file]);
      const serve = cli(['serve', '--config', file, '--port', '0']);
      expect({ validate: validate.code, serve: serve.code }).toEqual({ validate: 2, serve: 2 });
      expect(validate.stderr).toContain(`portcullis: ${file}${c.error}`);
      expect(serve.stderr).toBe(validate.stderr);
      expect(validate.stderr.trim().split('\n')).toHaveLength(1);
      expect(validate.stderr).not.toMatch(/\n\s+at |error:[0-9A-F]{8}/);
      expect(validate.stderr).not.toContain(MARK);
      // Refused before anything ran: no data directory, no key created.
      expect(existsSync(data)).toBe(false);
    });
  }

  it('a tool signing key left in the data directory (the default file) is read at start-up: refused alike, with no line', () => {
    const data = join(dir, 'data-default');
    mkdirSync(data);
    write('data-default/tool-signing-key.pem', garbage('PRIVATE KEY'));
    const file = write('default.yaml', `dataDir: ${data}\n`);
    const validate = cli(['validate', '--config', file]);
    const serve = cli(['serve', '--config', file, '--port', '0']);
    expect({ validate: validate.code, serve: serve.code }).toEqual({ validate: 2, serve: 2 });
    expect(validate.stderr).toBe(
      `portcullis: ${file}: pins.signing.keyFile: tool signing key ${join(data, 'tool-signing-key.pem')} does not hold an Ed25519 private key (PKCS#8 PEM)\n`,
    );
    expect(serve.stderr).toBe(validate.stderr);
  });

  it('good files pass: a real certificate and its key, an Ed25519 audit key, a hex HMAC key', () => {
    write('good-hmac.key', `${'ab'.repeat(32)}\n`);
    const file = write(
      'good.yaml',
      `dataDir: ${join(dir, 'data-good')}\n${tls('./rsa.crt', './rsa.key', ', clientCa: ./rsa.crt')}` +
        'audit:\n  signingKeyPath: ./ed25519.pem\n  redaction:\n    detectors: { email: hmac }\n    hmacKeyPath: ./good-hmac.key\n',
    );
    const r = cli(['validate', '--config', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a reload naming such a file is refused as config.reload.failed; the running config stays', async () => {
    const base = (allow: string, extra = '') =>
      `upstreams:\n${stdioUpstream('t')}\nagents:\n  bot: { tools: { allow: [${allow}] } }\n${extra}`;
    const gw = await startGateway(base('"t_echo"'));
    try {
      const c = await connectAgent(gw.url, gw.keys.bot);
      const names = async () => (await c.listTools()).tools.map((t) => t.name).sort();
      expect(await names()).toEqual(['t_echo']);
      const bad = join(gw.dir, 'hmac.key');
      writeFileSync(bad, `${MARK}\n`, { mode: 0o600 });
      gw.rewriteConfig(
        base('"t_echo", "t_cwd"', `audit:\n  redaction:\n    detectors: { email: hmac }\n    hmacKeyPath: ${bad}\n`),
      );
      await eventually(() => gw.stderr().includes('config reload (file) rejected'));
      expect(await names()).toEqual(['t_echo']);
      const failed = auditQuery<{ reasons: string[] }>(gw.configFile, '--type', 'config.reload.failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]!.reasons.join('\n')).toContain(
        `audit.redaction.hmacKeyPath: redaction HMAC key ${bad} does not hold a hex-encoded key`,
      );
      expect(JSON.stringify(failed) + gw.stderr()).not.toContain(MARK);
      expect(gw.proc.exitCode).toBeNull();
      await c.close();
    } finally {
      await gw.stop();
    }
  });
});
