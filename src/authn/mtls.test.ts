import type { PeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { mtlsConfigSchema } from './config-schema.js';
import { mtlsAuthenticator } from './mtls.js';

const FP = 'AA:'.repeat(31) + 'AA';
const peer = (over: Partial<PeerCertificate>) =>
  ({
    subject: { CN: 'bot' },
    fingerprint256: FP,
    serialNumber: '0A1B',
    subjectaltname: '',
    ...over,
  }) as PeerCertificate;
const cfg = (extra: object = {}) =>
  mtlsConfigSchema.parse({ identities: [{ agent: 'bot', commonName: 'bot' }], ...extra });
const exists = (a: string) => a === 'bot';

describe('mtls authenticator', () => {
  it('no certificate is "not mine", or refused when certificates are required', async () => {
    expect(await mtlsAuthenticator(cfg(), exists).authenticate({})).toEqual({ kind: 'not-mine' });
    expect(await mtlsAuthenticator(cfg({ required: true }), exists).authenticate({})).toMatchObject({
      status: 401,
      reason: 'certificate-missing',
    });
  });

  it('trusts only what OpenSSL verified, naming its reason', async () => {
    const out = await mtlsAuthenticator(cfg(), exists).authenticate({
      tls: { authorized: false, authorizationError: 'CERT_HAS_EXPIRED', peerCertificate: peer({}) },
    });
    expect(out).toMatchObject({ status: 401, reason: 'certificate-expired' });
  });

  it('maps a verified certificate to its agent, with the fingerprint as credential id', async () => {
    const out = await mtlsAuthenticator(cfg(), exists).authenticate({
      tls: { authorized: true, peerCertificate: peer({}) },
    });
    expect(out).toMatchObject({
      kind: 'authenticated',
      principal: { agent: 'bot', method: 'mtls', credentialId: `sha256:${'AA'.repeat(32)}` },
    });
  });

  it('refuses configured revoked serials (leading zeros ignored) and fingerprints', async () => {
    const bySerial = mtlsAuthenticator(cfg({ revoked: { serials: ['00:0a:1b'] } }), exists);
    expect(await bySerial.authenticate({ tls: { authorized: true, peerCertificate: peer({}) } })).toMatchObject({
      status: 401,
      reason: 'certificate-revoked',
    });
    const byFp = mtlsAuthenticator(cfg({ revoked: { fingerprints: [FP.toLowerCase()] } }), exists);
    expect(await byFp.authenticate({ tls: { authorized: true, peerCertificate: peer({}) } })).toMatchObject({
      reason: 'certificate-revoked',
    });
  });

  it('a verified certificate that matches no identity, or a removed agent, is 403', async () => {
    const a = mtlsAuthenticator(cfg(), exists);
    expect(
      await a.authenticate({
        tls: { authorized: true, peerCertificate: peer({ subject: { CN: 'x' } }) },
      }),
    ).toMatchObject({ status: 403 });
    const gone = mtlsAuthenticator(cfg(), () => false);
    expect(await gone.authenticate({ tls: { authorized: true, peerCertificate: peer({}) } })).toMatchObject({
      status: 403,
    });
  });

  it('takes the identity only from the subject CN and whole SAN entries (red team: the wrong field)', async () => {
    const bySan = mtlsAuthenticator(
      mtlsConfigSchema.parse({ identities: [{ agent: 'bot', san: 'DNS:bot.example' }] }),
      exists,
    );
    const verified = (over: Partial<PeerCertificate>) => ({ tls: { authorized: true, peerCertificate: peer(over) } });
    // What Node prints for a certificate whose one URI SAN is `spiffe://x,DNS:bot.example,y` (commas escaped).
    const smuggled = 'URI:"spiffe://x\\u002cDNS:bot.example\\u002cy"';
    expect(await bySan.authenticate(verified({ subjectaltname: smuggled }))).toMatchObject({ status: 403 });
    expect(await bySan.authenticate(verified({ subjectaltname: 'DNS:a.example, DNS:bot.example' }))).toMatchObject({
      kind: 'authenticated',
    });
    const byCn = mtlsAuthenticator(cfg(), exists);
    // The issuer's CN, a CN inside another attribute, or two CNs (Node gives an array) are not the subject's CN.
    for (const over of [
      { subject: { CN: 'x' }, issuer: { CN: 'bot' } },
      { subject: { O: 'CN=bot', CN: 'x' } },
      { subject: { CN: ['bot', 'admin'] } },
    ] as Partial<PeerCertificate>[])
      expect(await byCn.authenticate(verified(over))).toMatchObject({ status: 403 });
  });
});
