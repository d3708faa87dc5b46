/**
 * Tool-poisoning scan: hidden instructions to the model, shadowing of other tools, exfiltration
 * URLs, invisible or deceptive Unicode and oversize text, in descriptions and schemas (parameter
 * descriptions, titles, enum values, defaults). `critical` findings quarantine the tool.
 */
import type { JsonObject, ToolDefinition } from '../core/tool.js';
import { instructionRules, sensitivePath, sensitivePathWithAction, urlFindings } from './poisoning-rules.js';
import { isObject } from './schema-fields.js';
import { splitIdentifier } from './tokens.js';
import type { Finding } from './types.js';
import { codePoints, homoglyphsIn, inspectInvisible, normalizeForScan, skeleton } from './unicode.js';

export interface ScanContext {
  /** Names of tools offered by *other* servers or backends (for shadowing checks). */
  otherToolNames: readonly string[];
}

interface Text {
  where: string;
  text: string;
}

const oversizeMedium = 10_000;
const oversizeLow = 4_000;

export function scanTool(tool: ToolDefinition, ctx: ScanContext): Finding[] {
  const findings: Finding[] = [];
  const push = (f: Finding): void => {
    if (!findings.some((x) => x.kind === f.kind && x.message === f.message)) findings.push(f);
  };
  scanName(tool.name, ctx, push);

  const texts = collectTexts(tool);
  for (const { where, text } of texts) {
    for (const hit of scanText(text))
      push({ severity: hit.severity, kind: hit.kind, message: hit.message.replace(WHERE, where) });
  }

  shadowing(texts, ctx, push);

  const size = (tool.description ?? '').length;
  if (size > oversizeMedium)
    push({
      severity: 'medium',
      kind: 'oversize-description',
      message: `description is ${size} characters (limit ${oversizeMedium})`,
    });
  else if (size > oversizeLow)
    push({
      severity: 'low',
      kind: 'oversize-description',
      message: `description is ${size} characters (over ${oversizeLow})`,
    });
  return findings;
}

const WHERE = '\u0000where\u0000';
const textCache = new Map<string, Finding[]>();

/** Findings for one text, with a placeholder for where it was found; cached (schemas repeat texts). */
function scanText(text: string): Finding[] {
  const cached = textCache.get(text);
  if (cached) return cached;
  const found: Finding[] = [];
  const push = (f: Finding): void => {
    if (!found.some((x) => x.kind === f.kind && x.message === f.message)) found.push(f);
  };
  const where = WHERE;
  const inv = inspectInvisible(text);
  if (inv.tags > 0)
    push({
      severity: 'critical',
      kind: 'unicode-tags',
      message: `${inv.tags} invisible Unicode tag characters in ${WHERE}${inv.decoded ? ` (hidden text: "${inv.decoded}")` : ''}`,
    });
  if (inv.variationSupplement > 0)
    push({
      severity: 'critical',
      kind: 'unicode-variation-selectors',
      message: `${inv.variationSupplement} invisible variation selectors (U+E0100–U+E01EF) in ${WHERE}`,
    });
  if (inv.bidi > 0)
    push({
      severity: 'critical',
      kind: 'unicode-bidi',
      message: `${inv.bidi} bidirectional control characters in ${WHERE} can make text read differently than it runs`,
    });
  if (inv.zeroWidth > 0)
    push({
      severity: inv.zeroWidth >= 3 ? 'critical' : 'high',
      kind: 'unicode-zero-width',
      message: `${inv.zeroWidth} zero-width characters in ${WHERE}`,
    });

  const norm = normalizeForScan(text);
  for (const rule of instructionRules) {
    const m = rule.pattern.exec(norm);
    if (m)
      push({ severity: rule.severity, kind: rule.kind, message: `${rule.message} in ${WHERE}: "${excerpt(m[0])}"` });
  }
  for (const sentence of sentences(norm)) {
    const withAction = sensitivePathWithAction(sentence);
    if (withAction)
      push({
        severity: 'critical',
        kind: 'sensitive-file-access',
        message: `asks to read or pass on ${withAction} in ${WHERE}`,
      });
    else {
      const path = sensitivePath(sentence);
      if (path) push({ severity: 'low', kind: 'sensitive-path-mention', message: `mentions ${path} in ${WHERE}` });
    }
  }
  for (const f of urlFindings(norm, where)) push(f);
  if (hiddenByWhitespace(text))
    push({
      severity: 'high',
      kind: 'hidden-by-whitespace',
      message: `text pushed out of view by long whitespace in ${WHERE}`,
    });
  if (/<!--[\s\S]*?-->/.test(text))
    push({ severity: 'high', kind: 'html-comment', message: `HTML comment (invisible when rendered) in ${WHERE}` });
  if (/[A-Za-z0-9+/]{300,}={0,2}/.test(text))
    push({ severity: 'medium', kind: 'encoded-payload', message: `long base64-like blob in ${WHERE}` });
  if (textCache.size > 20_000) textCache.clear();
  textCache.set(text, found);
  return found;
}

function scanName(name: string, ctx: ScanContext, push: (f: Finding) => void): void {
  const inv = inspectInvisible(name);
  if (inv.tags + inv.zeroWidth + inv.bidi + inv.variationSupplement > 0)
    push({ severity: 'critical', kind: 'invisible-name', message: 'tool name contains invisible characters' });
  const glyphs = homoglyphsIn(name);
  const plain = skeleton(name);
  if (glyphs.length > 0) {
    push({
      severity: 'critical',
      kind: 'homoglyph-name',
      message: `tool name uses lookalike letters (${codePoints(glyphs)}); it reads as '${plain}'`,
    });
  } else if (/[^\x20-\x7e]/.test(name)) {
    push({ severity: 'high', kind: 'non-ascii-name', message: 'tool name contains non-ASCII characters' });
  }
  if (name !== plain && name.toLowerCase() !== plain) {
    const twin = ctx.otherToolNames.find((o) => o !== name && skeleton(o) === plain);
    if (twin !== undefined)
      push({
        severity: 'critical',
        kind: 'lookalike-of-other-tool',
        message: `tool name looks like another tool's name '${twin}'`,
      });
  }
}

/** Mentions of other servers' tools; with an instruction around them this is shadowing. */
function shadowing(texts: readonly Text[], ctx: ScanContext, push: (f: Finding) => void): void {
  const candidates = candidateNames(ctx.otherToolNames);
  if (candidates.size === 0) return;
  for (const { where, text } of texts) {
    const norm = normalizeForScan(text);
    const re = /[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(norm)) !== null) {
      const other = lookupSuffixes(m[0], candidates);
      if (other === undefined) continue;
      const around = norm.slice(Math.max(0, m.index - 100), m.index + m[0].length + 100).toLowerCase();
      const imperative =
        /\b(always|never|must|instead|whenever|every time|when(ever)? (the )?(user|you|agent)|do not|don't|redirect|change|replace|override|also send|bcc|cc)\b/.test(
          around,
        );
      push({
        severity: imperative ? 'critical' : 'medium',
        kind: imperative ? 'tool-shadowing' : 'cross-tool-reference',
        message: imperative
          ? `${where} gives instructions about another server's tool '${other}'`
          : `${where} mentions another server's tool '${other}'`,
      });
    }
  }
}

const candidateCache = new WeakMap<readonly string[], Map<string, string>>();
/** Distinctive other-server tool names (two words or more), matched exactly; cached per names array. */
function candidateNames(names: readonly string[]): Map<string, string> {
  let map = candidateCache.get(names);
  if (!map) {
    map = new Map();
    for (const n of names) if (n.length >= 6 && splitIdentifier(n).length >= 2) map.set(n, n);
    candidateCache.set(names, map);
  }
  return map;
}

/** "mcp_tool_send_email", "github.create_issue": the name itself or any separator-delimited suffix. */
function lookupSuffixes(token: string, candidates: ReadonlyMap<string, string>): string | undefined {
  const direct = candidates.get(token);
  if (direct !== undefined) return direct;
  // Only client namespacing conventions ("server.tool", "mcp_server_tool", "mcp__server__tool"), not a
  // server's own prefix on its own tools ("codacy_list_organizations").
  for (let i = 0; i < token.length; i++) {
    const c = token[i];
    if (c !== '_' && c !== '.' && c !== '-') continue;
    const prefix = token.slice(0, i);
    if (c === '.' || token[i - 1] === '_' || prefix.startsWith('mcp')) {
      const hit = candidates.get(token.slice(i + 1));
      if (hit !== undefined) return hit;
    }
  }
  return undefined;
}

/** Forty blank lines or two hundred spaces before more text: content pushed out of a UI's view. */
function hiddenByWhitespace(text: string): boolean {
  for (const m of text.matchAll(/\s{40,}/g)) {
    const run = m[0];
    const end = m.index + run.length;
    if (end >= text.length) continue;
    let newlines = 0;
    for (const ch of run) if (ch === '\n') newlines++;
    if (newlines >= 40 || run.length >= 200) return true;
  }
  return false;
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim().length > 0);
}

function excerpt(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 80 ? `${t.slice(0, 77)}...` : t;
}

/** Every human-readable string a model sees: description, title, parameter texts, enums, defaults. */
export function collectTexts(tool: ToolDefinition): Text[] {
  const texts: Text[] = [];
  if (tool.description) texts.push({ where: 'description', text: tool.description });
  if (tool.title) texts.push({ where: 'title', text: tool.title });
  if (tool.annotations?.title) texts.push({ where: 'annotation title', text: tool.annotations.title });
  walkSchema(tool.inputSchema, 'parameter', texts);
  if (tool.outputSchema) walkSchema(tool.outputSchema, 'output field', texts);
  return texts;
}

function walkSchema(schema: JsonObject, label: string, out: Text[]): void {
  const seen = new Set<object>();
  let budget = 2000;
  const visit = (node: unknown, path: string): void => {
    if (!isObject(node) || seen.has(node) || budget-- <= 0) return;
    seen.add(node);
    const at = path === '' ? `${label} schema` : `${label} '${path}'`;
    for (const key of ['description', 'title'] as const) {
      const v = node[key];
      if (typeof v === 'string' && v.length > 0) out.push({ where: `${at} ${key}`, text: v });
    }
    for (const key of ['enum', 'examples'] as const) {
      const v = node[key];
      if (Array.isArray(v))
        for (const e of v)
          if (typeof e === 'string') out.push({ where: `${at} ${key === 'enum' ? 'enum value' : 'example'}`, text: e });
    }
    for (const key of ['default', 'const'] as const) {
      const v = node[key];
      if (typeof v === 'string') out.push({ where: `${at} ${key}`, text: v });
    }
    if (isObject(node.properties)) {
      for (const [name, sub] of Object.entries(node.properties)) {
        if (/[^\x20-\x7e]/.test(name)) out.push({ where: `${label} name`, text: name });
        visit(sub, path === '' ? name : `${path}.${name}`);
      }
    }
    if (isObject(node.items)) visit(node.items, path);
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = node[key];
      if (Array.isArray(list)) for (const sub of list) visit(sub, path);
    }
  };
  visit(schema, '');
}
