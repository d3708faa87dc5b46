/**
 * Warnings: a config that loads but probably does not do what its author meant. Reported by `validate` and at
 * start-up; they never stop the gateway. Each names file, line and key, like errors.
 */
import { isIP } from 'node:net';
import picomatch from 'picomatch';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { classifyAddress } from '../backends/openapi/ssrf-guard.js';
import type { PortcullisConfig } from './config.js';
import type { ConfigIssue } from './errors.js';
import { didYouMean } from './suggest.js';

const BARE_VAR = /(?<![$\\])\$(?!\{)([A-Za-z_][A-Za-z0-9_]*)/;
const GLOB_CHARS = /[*?[\]{}!()+@]/;

export interface Located {
  path: (string | number)[];
  message: string;
}

/** Locates warnings in the file's text (the YAML as written, before `${VAR}` interpolation). */
export function locateWarnings(file: string, text: string, found: Located[]): ConfigIssue[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return found.map((w) => {
    const node = doc.getIn(w.path, true) as Node | undefined;
    const offset = node && typeof node === 'object' && 'range' in node ? node.range?.[0] : undefined;
    const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
    return { file, ...(pos ? { line: pos.line, column: pos.col } : {}), path: w.path.join('.'), message: w.message };
  });
}

/** `$VAR` written without braces is taken literally. */
function bareVariables(text: string): Located[] {
  const out: Located[] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) walk(pair.value, [...path, isScalar(pair.key) ? String(pair.key.value) : '?']);
    } else if (isSeq(node)) {
      node.items.forEach((n, i) => walk(n, [...path, i]));
    } else if (isScalar(node) && typeof node.value === 'string') {
      const m = BARE_VAR.exec(node.value);
      if (m)
        out.push({
          path,
          message: `"$${m[1]}" is taken literally; write \${${m[1]}} to read the environment variable`,
        });
    }
  };
  walk(parseDocument(text).contents, []);
  return out;
}

/**
 * picomatch's reading of a policy glob, for a hint only: a pattern it cannot compile (the policy compiles its globs
 * itself, and the schema has checked them) may match, and gets no warning rather than failing validate or start-up.
 */
function mayMatch(name: string, pattern: string): boolean {
  try {
    return picomatch.isMatch(name, pattern, { dot: true });
  } catch {
    return true;
  }
}

/** Tool and prompt allow patterns are `<backend>_<name>`: a pattern whose backend part names none matches nothing. */
function unmatchedPatterns(c: PortcullisConfig): Located[] {
  const backends = [...Object.keys(c.upstreams), ...Object.keys(c.openapi)];
  const out: Located[] = [];
  for (const [agent, a] of Object.entries(c.agents)) {
    for (const kind of ['tools', 'prompts'] as const) {
      a[kind].allow.forEach((pattern, i) => {
        const head = pattern.split('_')[0] ?? '';
        if (!pattern.includes('_') && GLOB_CHARS.test(pattern)) {
          if (backends.some((b) => mayMatch(`${b}_x`, pattern))) return;
        } else if (backends.some((b) => mayMatch(b, head))) return;
        const hint = GLOB_CHARS.test(head) ? '' : didYouMean(head, backends);
        const why =
          backends.length === 0
            ? 'no upstreams or openapi backends are configured'
            : `names are <backend>_<name> and no backend matches "${head}"${hint}; backends: ${backends.join(', ')}`;
        out.push({
          path: ['agents', agent, kind, 'allow', i],
          message: `"${pattern}" matches no ${kind.slice(0, -1)}: ${why}`,
        });
      });
    }
  }
  return out;
}

const isLoopbackHost = (h: string) =>
  h === 'localhost' || h.endsWith('.localhost') || (isIP(h) !== 0 && classifyAddress(h) === 'loopback');

function plainHttp(path: (string | number)[], url: string | undefined): Located[] {
  if (!url) return [];
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [];
  }
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (u.protocol !== 'http:' || isLoopbackHost(host)) return [];
  return [{ path, message: `plain http:// to ${host} sends data and credentials unencrypted; use https://` }];
}

/** OpenAPI base URLs on loopback/private addresses are refused at call time unless allowPrivateNetwork is set. */
function privateBaseUrls(c: PortcullisConfig): Located[] {
  const out: Located[] = [];
  for (const [name, b] of Object.entries(c.openapi)) {
    if (!b.baseUrl || b.allowPrivateNetwork) continue;
    const host = new URL(b.baseUrl).hostname.replace(/^\[|\]$/g, '');
    const cls =
      host === 'localhost' || host.endsWith('.localhost') ? 'loopback' : isIP(host) ? classifyAddress(host) : 'public';
    if (cls === 'public') continue;
    const message =
      cls === 'metadata'
        ? `${host} is a cloud metadata address; calls to it are always refused`
        : `${host} is a ${cls} address; every call will be refused unless you set openapi.${name}.allowPrivateNetwork: true`;
    out.push({ path: ['openapi', name, 'baseUrl'], message });
  }
  return out;
}

/** Warnings from the config alone (no network, no spec files). */
export function configWarnings(file: string, text: string, c: PortcullisConfig): ConfigIssue[] {
  const found: Located[] = [...bareVariables(text), ...unmatchedPatterns(c), ...privateBaseUrls(c)];
  for (const [name, u] of Object.entries(c.upstreams))
    if (u.transport !== 'stdio') found.push(...plainHttp(['upstreams', name, 'url'], u.url));
  for (const [name, b] of Object.entries(c.openapi)) {
    found.push(...plainHttp(['openapi', name, 'baseUrl'], b.baseUrl));
    if (/^https?:/.test(b.spec)) found.push(...plainHttp(['openapi', name, 'spec'], b.spec));
  }
  c.audit.sinks?.forEach((s, i) => {
    if (s.type === 'webhook') found.push(...plainHttp(['audit', 'sinks', i, 'url'], s.url));
  });
  return locateWarnings(file, text, found);
}
