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
import { accessSync, closeSync, constants, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { detectVersion } from '../backends/openapi/operations.js';
import { createKeyring } from '../vault/master-keys.js';
import type { PortcullisConfig } from './config.js';
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
  /** Also parsed when present: an OpenAPI spec must be a JSON or YAML OpenAPI 3.x / Swagger 2.0 document. */
  parse?: 'openapi';
}

const REMOTE = /^https?:\/\//i;

/** Every local file and directory the config names, resolved as the gateway resolves them. */
export function localFilesOf(c: PortcullisConfig, baseDir: string): LocalFile[] {
  const abs = (p: string, from = baseDir) => (isAbsolute(p) ? p : resolve(from, p));
  const out: LocalFile[] = [];
  const add = (path: (string | number)[], p: string | undefined, kind: LocalFileKind, what: string, from?: string) => {
    if (p !== undefined && p !== '') out.push({ path, file: abs(p, from), kind, what });
  };
  for (const [name, b] of Object.entries(c.openapi))
    if (!REMOTE.test(b.spec)) {
      add(['openapi', name, 'spec'], b.spec, 'file', 'OpenAPI spec');
      out[out.length - 1]!.parse = 'openapi';
    }
  for (const [name, u] of Object.entries(c.upstreams)) {
    if (u.transport !== 'stdio') continue;
    add(['upstreams', name, 'cwd'], u.cwd, 'dir', 'working directory');
    // A command written as a path (not a name looked up on PATH) runs from the child's working directory.
    if (/[/\\]/.test(u.command))
      add(['upstreams', name, 'command'], u.command, 'file', 'command', u.cwd ? abs(u.cwd) : baseDir);
  }
  const tls = c.server.tls;
  if (tls) {
    add(['server', 'tls', 'cert'], tls.cert, 'file', 'TLS certificate');
    add(['server', 'tls', 'key'], tls.key, 'file', 'TLS private key');
    add(['server', 'tls', 'clientCa'], tls.clientCa, 'file', 'client CA certificate');
    add(['server', 'tls', 'crl'], tls.crl, 'file', 'certificate revocation list');
  }
  add(['vault', 'masterKeyFile'], c.vault.masterKeyFile, 'file', 'vault master key file');
  if (c.vault.provider === 'file') add(['vault', 'dir'], c.vault.dir, 'dir', 'secret directory');
  const a = c.audit;
  add(['audit', 'signingKeyPath'], a.signingKeyPath, 'created', 'audit signing key');
  add(['audit', 'anchorPath'], a.anchorPath, 'created', 'audit anchor file');
  add(['audit', 'redaction', 'hmacKeyPath'], a.redaction?.hmacKeyPath, 'created', 'redaction HMAC key');
  a.sinks.forEach((s, i) => {
    if (s.type === 'file') add(['audit', 'sinks', i, 'path'], s.path, 'created', 'audit sink file');
    if (s.type === 'syslog' && typeof s.tls === 'object')
      add(['audit', 'sinks', i, 'tls', 'ca'], s.tls.ca, 'file', 'syslog CA certificate');
  });
  const signing = c.pins.signing;
  if (signing.enabled && !signing.key)
    add(['pins', 'signing', 'keyFile'], signing.keyFile, 'created', 'tool signing key');
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

const existsAsFile = (file: string) => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

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

/** Line and column of a character offset, 1-based. */
function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/**
 * Whether a local spec is an OpenAPI document the importer can read: JSON or YAML (the parse error with its line),
 * an object with `openapi: 3.x` or `swagger: 2.0`, and a `paths` object (`webhooks` or `components` alone for 3.1).
 * What only the import can judge (a broken `$ref`, a skipped operation) stays an import warning.
 */
export function specProblem(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return reason(codeOf(e));
  }
  let doc: unknown;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') && /\.json$/i.test(file)) {
    try {
      doc = JSON.parse(text);
    } catch (e) {
      const at = /position (\d+)/.exec((e as Error).message);
      const where = at ? ` at ${lineCol(text, Number(at[1]))}` : '';
      return `is not valid JSON${where}: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')}`;
    }
  } else {
    try {
      doc = parseYaml(text, { maxAliasCount: 10_000, uniqueKeys: false, prettyErrors: true });
    } catch (e) {
      return `is not valid JSON or YAML: ${(e as Error).message.split('\n')[0]}`;
    }
  }
  try {
    detectVersion(doc);
  } catch (e) {
    return `is not an OpenAPI document (${(e as Error).message.replace(/^Not an OpenAPI document: /, '')})`;
  }
  const root = doc as Record<string, unknown>;
  const isMap = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isMap(root.paths) && !isMap(root.webhooks) && !isMap(root.components))
    return 'is not an OpenAPI document (no "paths" object)';
  return undefined;
}

/**
 * The vault's key file is also opened as the vault opens it (not inside dataDir, mode 0600, at least one key), so a
 * key the first secret lookup would refuse is refused now. Messages name the file, never a key.
 */
function keyringProblem(file: string, dataDir: string): string | undefined {
  try {
    createKeyring({ file }, { dataDir }).all();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The config's local files that are missing or unreadable, as errors naming file, line and key path. */
export function localFileIssues(
  where: { file: string; text: string; baseDir: string; dataDir: string },
  c: PortcullisConfig,
): ConfigIssue[] {
  const found: Located[] = [];
  for (const f of localFilesOf(c, where.baseDir)) {
    const problem = problemOf(f) ?? (f.parse === 'openapi' && existsAsFile(f.file) ? specProblem(f.file) : undefined);
    if (problem) found.push({ path: f.path, message: `${f.what} ${f.file} ${problem}` });
    else if (f.path[0] === 'vault' && f.path[1] === 'masterKeyFile') {
      const bad = keyringProblem(f.file, where.dataDir);
      if (bad) found.push({ path: f.path, message: bad });
    }
  }
  return locateWarnings(where.file, where.text, found).sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}
