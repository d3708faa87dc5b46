// TLS files judged as the listener will use them, with real keys and certificates made by the openssl binary: what
// OpenSSL refuses is named without its error code, and what it takes without a word (a CA bundle with no certificate,
// a key of another type than the certificate's) is refused here. No answer quotes the file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  caBundleProblem,
  certificateProblem,
  crlProblem,
  keyMismatchProblem,
  opensslReason,
  privateKeyProblem,
} from './tls-material.js';
import { openssl, selfSignedCertificate } from '../../test/e2e/support/pki.js';

const dir = mkdtempSync(join(tmpdir(), 'portcullis-tls-material-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
selfSignedCertificate(dir, 'a');
selfSignedCertificate(dir, 'b');
openssl(['pkey', '-in', 'a.key', '-aes256', '-passout', 'pass:x', '-out', 'a-enc.key'], dir);
const read = (f: string) => readFileSync(join(dir, f));
const MARK = 'QmW3nR8sT1vX6yZ0';
const junk = Buffer.from(`-----BEGIN CERTIFICATE-----\n${MARK}\n-----END CERTIFICATE-----\n`);

describe('TLS material', () => {
  it('takes a certificate, its key, a bundle of certificates', () => {
    expect(certificateProblem(read('a.crt'))).toBeUndefined();
    expect(privateKeyProblem(read('a.key'))).toBeUndefined();
    expect(keyMismatchProblem(read('a.crt'), read('a.key'), '/x/a.crt')).toBeUndefined();
    expect(caBundleProblem(Buffer.concat([read('a.crt'), read('b.crt')]))).toBeUndefined();
  });

  it('refuses garbage, an encrypted key and a key of the same type that is not the certificate’s', () => {
    expect(certificateProblem(junk)).toMatch(/^does not hold a PEM certificate \(/);
    expect(privateKeyProblem(read('a.crt'))).toMatch(/^does not hold a PEM private key \(/);
    expect(privateKeyProblem(read('a-enc.key'))).toBe(
      'holds an encrypted private key; the gateway takes no passphrase (decrypt it)',
    );
    expect(keyMismatchProblem(read('a.crt'), read('b.key'), '/x/a.crt')).toBe(
      'is not the private key of the certificate /x/a.crt',
    );
    expect(crlProblem(read('a.crt'))).toMatch(/^does not hold a PEM certificate revocation list/);
  });

  it('refuses a CA bundle OpenSSL would take and trust nothing from: none, or one broken certificate among good ones', () => {
    expect(caBundleProblem(read('a.key'))).toBe('holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
    expect(caBundleProblem(Buffer.concat([read('a.crt'), junk]))).toMatch(
      /^holds a certificate that does not parse \(the 2nd of 2: /,
    );
    for (const p of [caBundleProblem(junk), certificateProblem(junk)]) expect(p).not.toContain(MARK);
  });

  it("names OpenSSL's reason without its code", () => {
    expect(opensslReason(new Error('error:0480006C:PEM routines::no start line'))).toBe('no start line');
    expect(opensslReason(new Error('Failed to parse CRL'))).toBe('Failed to parse CRL');
  });
});
