import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { configSchema, type PortcullisConfig } from './config.js';
import { ConfigError, type ConfigIssue } from './errors.js';
import { issueMessage, type ShowValue } from './issue-message.js';
import { localFileIssues } from './local-files.js';
import { redactSecretUrl } from '../storage/config.js';

export interface LoadedConfig {
  file: string;
  /** Directory of the config file; relative paths in the config resolve against it. */
  baseDir: string;
  config: PortcullisConfig;
  /** Absolute data directory. */
  dataDir: string;
}

/** Keys whose bad value is not echoed in an error (it may be a credential typed in by mistake). */
const SECRET_KEY = /(secret|password|passwd|token)$/i;

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface LoadOptions {
  /**
   * Top-level sections to leave out before interpolation and validation, for commands that never use them: key
   * management (`agents`, `users`) does not read backends, so the backends' credentials (`${ENV}` references that
   * only an administrator's environment holds) are not needed to run it.
   */
  skipSections?: readonly string[];
  /**
   * Refuse the config when a local file it names is missing or unreadable (local-files.ts): for the commands that
   * run it (`serve`, `stdio`, `validate`) and for a hot reload, so a mistake on disk is an error before anything runs.
   */
  requireLocalFiles?: boolean;
}

/**
 * Sections that describe backends and identity providers and how to reach them (with their credentials): unused by
 * key management.
 */
export const BACKEND_SECTIONS = ['upstreams', 'openapi', 'auth', 'dashboard'] as const;

/** Reads, interpolates `${ENV}` / `${ENV:-default}`, and validates a config file. Throws ConfigError. */
export function loadConfigFile(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
  options: LoadOptions = {},
): LoadedConfig {
  const abs = resolve(file);
  return loadConfigText(abs, readConfigText(abs), env, options);
}

/** The text of a config file (`file` absolute). Throws ConfigError when it cannot be read. */
export function readConfigText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError([{ file, path: '', message: `cannot read config file: ${(e as Error).message}` }]);
  }
}

/** A line that holds no setting: blank, a comment, a document marker, a bare null or an empty mapping. */
const NO_SETTING = /^\s*(?:---|\.\.\.)?\s*(?:~|null|Null|NULL|\{\s*\})?\s*(?:#.*)?$/;

/**
 * True when a config file's text holds no setting at all: empty, whitespace, comments only (or a bare null). Every
 * key has a default, so such a file would be valid and run a gateway with no upstream and no agent; what it usually is,
 * is a file read mid-write (an editor truncating before it writes, `>` redirection), so it is refused as an error.
 */
export function hasNoSettings(text: string): boolean {
  return text.split('\n').every((line) => NO_SETTING.test(line));
}

/** Validates a config file's text (`file` absolute, for messages and relative paths), as `loadConfigFile` does. */
export function loadConfigText(
  abs: string,
  text: string,
  env: NodeJS.ProcessEnv = process.env,
  options: LoadOptions = {},
): LoadedConfig {
  if (hasNoSettings(text))
    throw new ConfigError([
      {
        file: abs,
        path: '',
        message:
          'the config file has no settings (it is empty, or holds only comments): a gateway run from it would serve no upstream and admit no agent; if it is being written, try again once it is whole',
      },
    ]);
  const config = parseConfigText(text, abs, env, options);
  const baseDir = dirname(abs);
  const dataDir = resolve(baseDir, config.dataDir);
  if (options.requireLocalFiles) {
    const issues = localFileIssues({ file: abs, text, baseDir, dataDir }, config);
    if (issues.length > 0) throw new ConfigError(issues);
  }
  return { file: abs, baseDir, config, dataDir };
}

export function parseConfigText(
  text: string,
  file: string,
  env: NodeJS.ProcessEnv = process.env,
  options: LoadOptions = {},
): PortcullisConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): { line?: number; column?: number } => {
    if (offset === undefined) return {};
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };

  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => ({ file, ...at(e.pos[0]), path: '', message: `YAML syntax: ${e.message.split('\n')[0]}` })),
    );
  }

  if (isMap(doc.contents)) {
    for (const section of options.skipSections ?? []) doc.delete(section);
    // Keys for upstreams that are skipped name backends that are not there: skip them too.
    if (options.skipSections?.includes('upstreams') && doc.hasIn(['pins', 'upstreamKeys']))
      doc.deleteIn(['pins', 'upstreamKeys']);
  }
  const issues: ConfigIssue[] = [];
  const fromEnv = new WeakSet<Node>();
  interpolate(
    doc,
    env,
    (node, message) => issues.push({ file, ...at(node.range?.[0]), path: pathOf(doc, node), message }),
    fromEnv,
  );
  if (issues.length > 0) throw new ConfigError(issues);

  const raw: unknown = doc.toJS() ?? {};
  const parsed = configSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const show: ShowValue = (value, path) => {
      const node = nodeAt(doc, [...path]);
      if (node && fromEnv.has(node)) return '(a value from the environment, not shown)';
      const key = path[path.length - 1];
      if (typeof key === 'string' && SECRET_KEY.test(key)) return '(the value of a secret-looking key, not shown)';
      // A URL's password never: the whole value is redacted here, ConfigError also redacts URLs in the text.
      const shown = JSON.stringify(typeof value === 'string' ? redactSecretUrl(value) : value) ?? String(value);
      // A message quotes the start of a long value (a 70,000-character glob), never all of it.
      return shown.length <= 200 ? shown : `${shown.slice(0, 100)}... (${shown.length} characters)`;
    };
    throw new ConfigError(parsed.error.issues.map((i) => toIssue(doc, file, i, at, show)));
  }
  return parsed.data;
}

function interpolate(
  doc: Document,
  env: NodeJS.ProcessEnv,
  report: (node: Node, message: string) => void,
  fromEnv: WeakSet<Node>,
): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !node.value.includes('${')) return;
      fromEnv.add(node);
      node.value = node.value.replace(ENV_REF, (_m, name: string, fallback: string | undefined) => {
        const v = env[name];
        if (v !== undefined && v !== '') return v;
        if (fallback !== undefined) return fallback;
        report(node, `environment variable ${name} is not set (use \${${name}:-default} for a default)`);
        return '';
      });
    },
  });
}

/** Key path of a node, found by walking the document (only used on the error path). */
function pathOf(doc: Document, target: Node): string {
  const walk = (node: unknown, path: (string | number)[]): (string | number)[] | undefined => {
    if (node === target) return path;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (pair.key === target) return [...path, key];
        const r = walk(pair.value, [...path, key]);
        if (r) return r;
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const r = walk(node.items[i], [...path, i]);
        if (r) return r;
      }
    }
    return undefined;
  };
  return (walk(doc.contents, []) ?? []).join('.');
}

function toIssue(
  doc: Document,
  file: string,
  issue: z.core.$ZodIssue,
  at: (offset: number | undefined) => { line?: number; column?: number },
  show: ShowValue,
): ConfigIssue {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const message = issueMessage(issue, path, show);
  // Unknown keys: point at the key itself.
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys;
    const first = keys[0];
    const keyNode = first !== undefined ? findKeyNode(doc, path, first) : undefined;
    return {
      file,
      ...at(keyNode?.range?.[0] ?? nodeAt(doc, path)?.range?.[0]),
      path: pathText([...path, ...(first !== undefined ? [first] : [])]),
      message,
    };
  }
  if (issue.code === 'invalid_key') {
    const key = String(path[path.length - 1]);
    const inner = issue.issues.map((i) => i.message).join('; ');
    const keyNode = findKeyNode(doc, path.slice(0, -1), key);
    return {
      file,
      ...at(keyNode?.range?.[0]),
      path: pathText(path),
      message: `invalid name "${shortKey(key)}": ${inner}`,
    };
  }
  // Nearest existing node on the path (a missing key is reported at its parent).
  let node: Node | undefined;
  for (let n = path.length; n >= 0 && !node; n--) node = nodeAt(doc, path.slice(0, n));
  return { file, ...at(node?.range?.[0]), path: pathText(path), message };
}

/** A key as an error names it: whole when short, else its start (a map keyed by a 70,000-character glob). */
const shortKey = (k: string) => (k.length <= 100 ? k : `${k.slice(0, 60)}...`);
const pathText = (path: readonly (string | number)[]) =>
  path.map((p) => (typeof p === 'string' ? shortKey(p) : p)).join('.');

function nodeAt(doc: Document, path: (string | number)[]): Node | undefined {
  if (path.length === 0) return doc.contents ?? undefined;
  const n: unknown = doc.getIn(path, true);
  return n && typeof n === 'object' && 'range' in n ? (n as Node) : undefined;
}

function findKeyNode(doc: Document, path: (string | number)[], key: string): Node | undefined {
  const parent = nodeAt(doc, path);
  if (!isMap(parent)) return undefined;
  for (const pair of parent.items) if (isScalar(pair.key) && String(pair.key.value) === key) return pair.key;
  return undefined;
}
