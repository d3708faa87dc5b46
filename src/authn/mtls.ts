import type { MtlsConfig } from './config-schema.js';
import { refused, type AuthOutcome, type Authenticator } from './types.js';

/** OpenSSL's verification errors, named for the audit log. */
const REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not-yet-valid',
  CERT_REVOKED: 'revoked',
  UNABLE_TO_GET_CRL: 'crl-missing',
  CRL_HAS_EXPIRED: 'crl-expired',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknown-ca',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknown-ca',
  SELF_SIGNED_CERT_IN_CHAIN: 'unknown-ca',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'unknown-ca',
  CERT_SIGNATURE_FAILURE: 'bad-signature',
};

const hex = (s: string | undefined) => (s ?? '').replace(/:/g, '').toUpperCase();
const serial = (s: string | undefined) => hex(s).replace(/^0+(?=.)/, '');

/** Subject alternative names as Node prints them (`DNS:a, URI:b`), split into `DNS:a`, `URI:b`. */
const sansOf = (subjectaltname: string | undefined): string[] =>
  (subjectaltname ?? '')
    .split(/,\s*/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Client certificates on the HTTPS listener. The TLS layer has already checked the chain against the configured
 * CA (and CRL) without dropping the connection; this authenticator turns that verdict into an answer:
 * no certificate is "not mine" (or refused when `required`), an unverified, revoked or unmapped one is refused,
 * and a verified one is the agent its CN, SAN or SHA-256 fingerprint maps to.
 */
export function mtlsAuthenticator(cfg: MtlsConfig, agentExists: (agent: string) => boolean): Authenticator {
  const revokedFp = new Set(cfg.revoked.fingerprints);
  const revokedSerials = new Set(cfg.revoked.serials);
  return {
    id: 'mtls',
    async authenticate(req): Promise<AuthOutcome> {
      const peer = req.tls?.peerCertificate;
      const present = peer !== undefined && Object.keys(peer).length > 0;
      if (!present) {
        return cfg.required
          ? refused(401, 'certificate-missing', 'A client certificate is required')
          : { kind: 'not-mine' };
      }
      if (!req.tls?.authorized) {
        const code = req.tls?.authorizationError ?? 'UNKNOWN';
        return refused(
          401,
          `certificate-${REASONS[code] ?? code.toLowerCase()}`,
          'The client certificate is not valid',
        );
      }
      const fingerprint = hex(peer.fingerprint256);
      if (revokedFp.has(fingerprint) || revokedSerials.has(serial(peer.serialNumber)))
        return refused(401, 'certificate-revoked', 'The client certificate is not valid');
      const cn = peer.subject?.CN;
      const sans = sansOf(peer.subjectaltname);
      const match = cfg.identities.find(
        (m) =>
          (m.commonName !== undefined && m.commonName === cn) ||
          (m.san !== undefined && sans.includes(m.san)) ||
          (m.fingerprint !== undefined && m.fingerprint === fingerprint),
      );
      if (!match || !agentExists(match.agent))
        return refused(403, 'certificate-not-mapped', 'The client certificate names no agent of this gateway');
      return {
        kind: 'authenticated',
        principal: {
          agent: match.agent,
          method: 'mtls',
          credentialId: `sha256:${fingerprint}`,
          claims: { subject: cn, san: sans, serial: serial(peer.serialNumber) },
          ...certificateExpiry(peer.valid_to),
        },
      };
    },
  };
}

/** The certificate's notAfter as the principal's `expiresAt` (Node gives it as a date string, e.g. `Nov 28 12:00:00 2027 GMT`). */
function certificateExpiry(validTo: string | undefined): { expiresAt?: number } {
  const at = validTo ? Date.parse(validTo) : NaN;
  return Number.isFinite(at) ? { expiresAt: at } : {};
}
