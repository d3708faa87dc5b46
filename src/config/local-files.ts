/**
 * Every file and directory on this machine that a config names, and the check that they are there before anything
 * runs. A missing or unreadable local file is the operator's mistake, known before the first call: `validate` fails
 * (exit 2), `serve`/`stdio` do not start, and a hot reload is refused (the running config stays). Remote things
 * (an upstream URL, a spec fetched over http(s), a syslog server) stay runtime conditions.
 *
 * Three kinds of entry:
 * - `file`: read by the gateway (OpenAPI spec, TLS certificate/key/CA/CRL, vault master key file, a syslog sink's CA,
 *   a stdio upstream's command when written as a path): must exist, be a regular file and be readable.
 * - `dir`: a directory it reads or runs in (the vault's file provider, a stdio upstream's `cwd`): must exist, be a
 *   directory, readable and searchable.
 * - `created`: created on first use when absent (signing and HMAC keys, the anchor file, a file sink): absent is
 *   fine; present, it must be a regular readable file (a directory there would fail on first use, not now).
 */
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { usesHmac } from '../audit/redaction/redactor.js';
import type { PortcullisConfig } from './config.js';
import { contentProblem, type ContentKind } from './file-contents.js';
import type { ConfigIssue } from './errors.js';
import { locateWarnings, type Located } from './warnings.js';

export type LocalFileKind = 'file' | 'dir' | 'created';

export interface LocalFile {
  /** Key path of the entry in the config. */
  path: (string | number)[];
  /** Absolute path on disk. */
  file: string;
  kind: LocalFileKind;
  /** What it is, for the message ("OpenAPI spec", "TLS private key"). */
  what: string;
  /**
   * Also read when present, by the function of the gateway that reads it (file-contents.ts): an OpenAPI spec must be
   * an OpenAPI document, a TLS key the certificate's key, a signing key an Ed25519 key...
   */
  contents?: ContentKind;
}

const REMOTE = /^https?:\/\//i;

/** Every local file and directory the config names, resolved as the gateway resolves them. */
export function localFilesOf(c: PortcullisConfig, baseDir: string): LocalFile[] {
  const abs = (p: string, from = baseDir) => (isAbsolute(p) ? p : resolve(from, p));
  const out: LocalFile[] = [];
  const add = (
    path: (string | number)[],
    p: string | undefined,
    kind: LocalFileKind,
    what: string,
    more: { from?: string; contents?: ContentKind } = {},
  ) => {
    if (p !== undefined && p !== '')
      out.push({ path, file: abs(p, more.from), kind, what, ...(more.contents ? { contents: more.contents } : {}) });
  };
  for (const [name, b] of Object.entries(c.openapi))
    if (!REMOTE.test(b.spec)) add(['openapi', name, 'spec'], b.spec, 'file', 'OpenAPI spec', { contents: 'openapi' });
  for (const [name, u] of Object.entries(c.upstreams)) {
    if (u.transport !== 'stdio') continue;
    add(['upstreams', name, 'cwd'], u.cwd, 'dir', 'working directory');
    // A command written as a path (not a name looked up on PATH) runs from the child's working directory.
    if (/[/\\]/.test(u.command))
      add(['upstreams', name, 'command'], u.command, 'file', 'command', { from: u.cwd ? abs(u.cwd) : baseDir });
  }
  const tls = c.server.tls;
  if (tls) {
    add(['server', 'tls', 'cert'], tls.cert, 'file', 'TLS certificate', { contents: 'tls-cert' });
    add(['server', 'tls', 'key'], tls.key, 'file', 'TLS private key', { contents: 'tls-key' });
    add(['server', 'tls', 'clientCa'], tls.clientCa, 'file', 'client CA certificate', { contents: 'ca-bundle' });
    add(['server', 'tls', 'crl'], tls.crl, 'file', 'certificate revocation list', { contents: 'crl' });
  }
  add(['vault', 'masterKeyFile'], c.vault.masterKeyFile, 'file', 'vault master key file', {
    contents: 'vault-keyring',
  });
  if (c.vault.provider === 'file') add(['vault', 'dir'], c.vault.dir, 'dir', 'secret directory');
  const a = c.audit;
  // The key file is read only when no environment variable holds the key (audit.signingKeyEnv wins).
  add(['audit', 'signingKeyPath'], a.signingKeyPath, 'created', 'audit signing key', {
    ...(a.signingKeyEnv ? {} : { contents: 'audit-signing-key' }),
  });
  add(['audit', 'anchorPath'], a.anchorPath, 'created', 'audit anchor file');
  add(['audit', 'redaction', 'hmacKeyPath'], a.redaction?.hmacKeyPath, 'created', 'redaction HMAC key', {
    ...(usesHmac(a.redaction) ? { contents: 'hmac-key' } : {}),
  });
  a.sinks.forEach((s, i) => {
    if (s.type === 'file') add(['audit', 'sinks', i, 'path'], s.path, 'created', 'audit sink file');
    if (s.type === 'syslog' && typeof s.tls === 'object')
      add(['audit', 'sinks', i, 'tls', 'ca'], s.tls.ca, 'file', 'syslog CA certificate', { contents: 'ca-bundle' });
  });
  const signing = c.pins.signing;
  if (signing.enabled && !signing.key)
    add(['pins', 'signing', 'keyFile'], signing.keyFile, 'created', 'tool signing key', {
      contents: 'tool-signing-key',
    });
  return out;
}

/**
 * The key files a gateway reads from its data directory when the config names none (created there on first start):
 * one that is there is read at start-up like a named one, so it is checked like one. Their key path is the setting
 * that would name another file; they have no line in the config.
 */
export function defaultKeyFiles(c: PortcullisConfig, dataDir: string): LocalFile[] {
  const out: LocalFile[] = [];
  const a = c.audit;
  if (!a.signingKeyPath && !a.signingKeyEnv)
    out.push({
      path: ['audit', 'signingKeyPath'],
      file: join(dataDir, 'audit-signing-key.pem'),
      kind: 'created',
      what: 'audit signing key',
      contents: 'audit-signing-key',
    });
  if (usesHmac(a.redaction) && !a.redaction?.hmacKeyPath)
    out.push({
      path: ['audit', 'redaction', 'hmacKeyPath'],
      file: join(dataDir, 'audit-hmac.key'),
      kind: 'created',
      what: 'redaction HMAC key',
      contents: 'hmac-key',
    });
  const signing = c.pins.signing;
  if (signing.enabled && !signing.key && !signing.keyFile)
    out.push({
      path: ['pins', 'signing', 'keyFile'],
      file: join(dataDir, 'tool-signing-key.pem'),
      kind: 'created',
      what: 'tool signing key',
      contents: 'tool-signing-key',
    });
  return out;
}

const codeOf = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? 'unreadable';

function reason(code: string): string {
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'is not readable by this process';
  if (code === 'ENOTDIR') return 'has a file where a directory is expected on its path';
  if (code === 'ELOOP') return 'is a symbolic link loop';
  return `cannot be read (${code})`;
}

/** Opens and reads one byte: a file the process may not read, or a FIFO/socket, fails here and not on first use. */
function readable(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    readSync(fd, Buffer.alloc(1), 0, 1, 0);
    return undefined;
  } catch (e) {
    return reason(codeOf(e));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** What is wrong with one entry, or undefined when it is usable. */
export function problemOf(f: LocalFile): string | undefined {
  let st;
  try {
    st = statSync(f.file);
  } catch (e) {
    const code = codeOf(e);
    if (code === 'ENOENT' && f.kind === 'created') return undefined;
    return reason(code);
  }
  if (f.kind === 'dir') {
    if (!st.isDirectory()) return 'is not a directory';
    try {
      accessSync(f.file, constants.R_OK | constants.X_OK);
      return undefined;
    } catch (e) {
      return reason(codeOf(e));
    }
  }
  if (st.isDirectory()) return 'is a directory, not a file';
  if (!st.isFile()) return 'is not a regular file';
  return readable(f.file);
}

/**
 * The config's local files that are missing or unreadable, or hold what the gateway cannot use (file-contents.ts), as
 * errors naming file, line and key path.
 */
export function localFileIssues(
  where: { file: string; text: string; baseDir: string; dataDir: string },
  c: PortcullisConfig,
): ConfigIssue[] {
  const found: Located[] = [];
  const files = [...localFilesOf(c, where.baseDir), ...defaultKeyFiles(c, where.dataDir)];
  const certFile = files.find((f) => f.contents === 'tls-cert')?.file;
  for (const f of files) {
    const missing = problemOf(f);
    if (missing) found.push({ path: f.path, message: `${f.what} ${f.file} ${missing}` });
    if (missing || !f.contents) continue;
    const bad = contentProblem(f.contents, f.file, { dataDir: where.dataDir, ...(certFile ? { certFile } : {}) });
    // The vault's keyring names its file (and line) itself.
    if (bad) found.push({ path: f.path, message: f.contents === 'vault-keyring' ? bad : `${f.what} ${f.file} ${bad}` });
  }
  return locateWarnings(where.file, where.text, found).sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}
