import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Issued {
  cert: string;
  key: string;
  certPem: string;
  keyPem: string;
  fingerprint256: string;
  serial: string;
}

export interface TestCa {
  dir: string;
  certFile: string;
  /** Issues a certificate signed by this CA; `validity` as OpenSSL `YYYYMMDDHHMMSSZ` times. */
  issue(
    name: string,
    opts: { cn: string; san?: string; server?: boolean; validity?: { from: string; to: string } },
  ): Issued;
  revoke(issued: Issued): void;
  /** Writes the CRL (signed by the CA) and returns its path. */
  crl(): string;
}

/** Runs the `openssl` binary in `cwd`; its output, and its error output when it fails (thrown). */
export const openssl = (args: string[], cwd: string) =>
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/**
 * A certificate authority made at test time with the `openssl` binary (`openssl ca`, so validity windows,
 * revocation and CRLs are real OpenSSL artefacts). Keys are EC P-256.
 */
export function createTestCa(dir: string, name: string): TestCa {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(join(dir, 'crlnumber'), '1000\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    `[ca]
default_ca = test
[test]
dir = ${dir}
database = $dir/index.txt
serial = $dir/serial
crlnumber = $dir/crlnumber
new_certs_dir = $dir
certificate = $dir/ca.pem
private_key = $dir/ca.key
default_md = sha256
default_days = 30
default_crl_days = 30
policy = any
unique_subject = no
copy_extensions = copy
[any]
commonName = supplied
[client]
basicConstraints = CA:FALSE
keyUsage = digitalSignature
extendedKeyUsage = clientAuth
[server]
basicConstraints = CA:FALSE
keyUsage = digitalSignature
extendedKeyUsage = serverAuth
`,
  );
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key'], dir);
  openssl(
    ['req', '-x509', '-new', '-key', 'ca.key', '-sha256', '-days', '30', '-subj', `/CN=${name}`, '-out', 'ca.pem'],
    dir,
  );
  const certFile = join(dir, 'ca.pem');
  return {
    dir,
    certFile,
    issue(file, opts) {
      openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${file}.key`], dir);
      openssl(
        [
          'req',
          '-new',
          '-key',
          `${file}.key`,
          '-subj',
          `/CN=${opts.cn}`,
          ...(opts.san ? ['-addext', `subjectAltName=${opts.san}`] : []),
          '-out',
          `${file}.csr`,
        ],
        dir,
      );
      const now = Date.now();
      const from = opts.validity?.from ?? stamp(new Date(now - 3600_000));
      const to = opts.validity?.to ?? stamp(new Date(now + 7 * 86400_000));
      openssl(
        [
          'ca',
          '-batch',
          '-config',
          'ca.cnf',
          '-extensions',
          opts.server ? 'server' : 'client',
          '-startdate',
          from,
          '-enddate',
          to,
          '-notext',
          '-in',
          `${file}.csr`,
          '-out',
          `${file}.pem`,
        ],
        dir,
      );
      const certPem = readFileSync(join(dir, `${file}.pem`), 'utf8');
      const x = new X509Certificate(certPem);
      return {
        cert: join(dir, `${file}.pem`),
        key: join(dir, `${file}.key`),
        certPem,
        keyPem: readFileSync(join(dir, `${file}.key`), 'utf8'),
        fingerprint256: x.fingerprint256,
        serial: x.serialNumber,
      };
    },
    revoke(issued) {
      openssl(['ca', '-config', 'ca.cnf', '-revoke', issued.cert], dir);
    },
    crl() {
      openssl(['ca', '-config', 'ca.cnf', '-gencrl', '-out', 'crl.pem'], dir);
      return join(dir, 'crl.pem');
    },
  };
}

export { stamp };

/**
 * A self-signed RSA 2048 certificate and its unencrypted key, made with the `openssl` binary as `<name>.crt` and
 * `<name>.key` in `dir`, subject `/CN=<cn>` (default `name`), valid for `days` (default 1).
 */
export function selfSignedCertificate(dir: string, name: string, opts: { cn?: string; days?: number } = {}): void {
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      '-days',
      String(opts.days ?? 1),
      '-subj',
      `/CN=${opts.cn ?? name}`,
    ],
    dir,
  );
}
