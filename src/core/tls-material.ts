/**
 * What is wrong with the contents of a TLS file, judged as the gateway will use it: by `tls.createSecureContext`, the
 * function the HTTPS listener and a TLS syslog sink build their contexts with, plus what it lets through and the
 * first handshake would find (a CA bundle with no certificate in it, a private key that is not the certificate's).
 * Each answer is a predicate for "<what> <file> ..." and never quotes the file's contents: OpenSSL's reason
 * ("no start line") without its error code, and nothing else. No I/O: the caller reads the files.
 */
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';

/** OpenSSL's reason without its code and library ("error:0480006C:PEM routines::no start line" → "no start line"). */
export function opensslReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const reason = message.replace(/^error:[0-9A-Fa-f]+:[^:]*:[^:]*:/, '').trim() || 'unreadable';
  return reason.length > 120 ? `${reason.slice(0, 120)}...` : reason;
}

/** Whether OpenSSL's reason for refusing a private key is that it is encrypted (and no passphrase was given). */
export const isEncryptedKeyReason = (reason: string) => /bad decrypt|interrupted or cancelled|passphrase/i.test(reason);

/** A certificate (chain) file: PEM, one certificate at least. */
export function certificateProblem(pem: Buffer): string | undefined {
  try {
    createSecureContext({ cert: pem });
    return undefined;
  } catch (e) {
    return `does not hold a PEM certificate (${opensslReason(e)})`;
  }
}

/** A private key file: PEM, not encrypted (the gateway takes no passphrase). */
export function privateKeyProblem(pem: Buffer): string | undefined {
  try {
    createSecureContext({ key: pem });
    return undefined;
  } catch (e) {
    const reason = opensslReason(e);
    if (isEncryptedKeyReason(reason))
      return 'holds an encrypted private key; the gateway takes no passphrase (decrypt it)';
    return `does not hold a PEM private key (${reason})`;
  }
}

/**
 * Whether a private key is the one of a certificate (the first of its chain). OpenSSL refuses a key of the same type
 * that does not match, but takes an EC key beside an RSA certificate (each in its own slot): the listener starts and
 * every handshake fails. Undefined when either cannot be read (their own checks say why).
 */
export function keyMismatchProblem(certPem: Buffer, keyPem: Buffer, certFile: string): string | undefined {
  let certKey: Buffer;
  let ownKey: Buffer;
  try {
    certKey = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
    ownKey = createPublicKey(createPrivateKey(keyPem)).export({ type: 'spki', format: 'der' });
  } catch {
    return undefined;
  }
  if (certKey.equals(ownKey)) return undefined;
  return `is not the private key of the certificate ${certFile}`;
}

const PEM_CERTIFICATE =
  /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----[\s\S]*?-----END (?:X509 |TRUSTED )?CERTIFICATE-----/g;

/**
 * A CA bundle (client CA, a syslog server's CA): PEM certificates, one at least. OpenSSL takes a file with none (or
 * with a broken one) without a word, and then trusts nothing: every client certificate or every syslog connection
 * would be refused at run time, far from the cause.
 */
export function caBundleProblem(pem: Buffer): string | undefined {
  const blocks = pem.toString('latin1').match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) return 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)';
  for (const [i, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch (e) {
      return `holds a certificate that does not parse (the ${ordinal(i + 1)} of ${blocks.length}: ${opensslReason(e)})`;
    }
  }
  try {
    createSecureContext({ ca: pem });
    return undefined;
  } catch (e) {
    return `is not a usable CA bundle (${opensslReason(e)})`;
  }
}

/** A certificate revocation list: PEM. */
export function crlProblem(pem: Buffer): string | undefined {
  try {
    createSecureContext({ crl: pem });
    return undefined;
  } catch (e) {
    return `does not hold a PEM certificate revocation list (${opensslReason(e)})`;
  }
}

const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;
