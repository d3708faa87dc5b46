/**
 * What is wrong with the contents of a local file the config names, judged by the function that will read it: the
 * check a config load runs once a file is there (local-files.ts), so that `validate` refuses what `serve` would stop
 * on at start-up (with an OpenSSL stack trace, before) and a hot reload refuses it as `config.reload.failed`, keeping
 * the running config. Every answer is a predicate for "<what> <file> ..." and never quotes the file.
 */
import { readFileSync, statSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { readSigningKey } from '../audit/signing.js';
import { readHmacKey } from '../audit/keys.js';
import { detectVersion } from '../backends/openapi/operations.js';
import {
  caBundleProblem,
  certificateProblem,
  crlProblem,
  keyMismatchProblem,
  privateKeyProblem,
} from '../core/tls-material.js';
import { signingKeyFileProblem } from '../signing/keys.js';
import { createKeyring } from '../vault/master-keys.js';

/** How a file's contents are checked (each the reader of the gateway that uses it). */
export type ContentKind =
  | 'openapi'
  | 'tls-cert'
  | 'tls-key'
  | 'ca-bundle'
  | 'crl'
  | 'audit-signing-key'
  | 'tool-signing-key'
  | 'hmac-key'
  | 'vault-keyring';

export interface ContentContext {
  dataDir: string;
  /** The certificate a TLS private key must belong to (`server.tls.cert`). */
  certFile?: string;
}

const isFile = (file: string) => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/** What is wrong with a file's contents, or undefined (also when it is absent: `problemOf` judges that). */
export function contentProblem(kind: ContentKind, file: string, ctx: ContentContext): string | undefined {
  if (!isFile(file)) return undefined;
  switch (kind) {
    case 'openapi':
      return specProblem(file);
    case 'tls-cert':
      return certificateProblem(readFileSync(file));
    case 'tls-key': {
      const key = readFileSync(file);
      const own = privateKeyProblem(key);
      if (own || !ctx.certFile || !isFile(ctx.certFile)) return own;
      return keyMismatchProblem(readFileSync(ctx.certFile), key, ctx.certFile);
    }
    case 'ca-bundle':
      return caBundleProblem(readFileSync(file));
    case 'crl':
      return crlProblem(readFileSync(file));
    case 'audit-signing-key': {
      const r = readSigningKey(readFileSync(file));
      return 'problem' in r ? r.problem : undefined;
    }
    case 'tool-signing-key':
      return signingKeyFileProblem(file);
    case 'hmac-key': {
      const r = readHmacKey(readFileSync(file, 'utf8'));
      return 'problem' in r ? r.problem : undefined;
    }
    case 'vault-keyring':
      return keyringProblem(file, ctx.dataDir);
  }
}

/**
 * The vault's key file is opened as the vault opens it (not inside dataDir, mode 0600, at least one key), so a key the
 * first secret lookup would refuse is refused now. Its messages name the file (and line), never a key.
 */
function keyringProblem(file: string, dataDir: string): string | undefined {
  try {
    createKeyring({ file }, { dataDir }).all();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
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
    return `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`;
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
