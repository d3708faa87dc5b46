import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JsonObject, ToolDefinition } from '../core/tool.js';
import { scanTool } from './poisoning.js';
import { severityRank, type Finding } from './types.js';

interface CorpusEntry {
  id: string;
  pattern?: string;
  tool: ToolDefinition;
  otherToolNames?: string[];
}
const corpus = JSON.parse(readFileSync(new URL('./testdata/poisoning-corpus.json', import.meta.url), 'utf8')) as {
  malicious: CorpusEntry[];
  benign: CorpusEntry[];
};
const scan = (e: CorpusEntry): Finding[] => scanTool(e.tool, { otherToolNames: e.otherToolNames ?? [] });
const atLeast = (findings: Finding[], sev: Finding['severity']) =>
  findings.filter((f) => severityRank[f.severity] >= severityRank[sev]);

describe('poisoning corpus', () => {
  it('has a malicious corpus covering the published attack families', () => {
    expect(corpus.malicious.length).toBeGreaterThanOrEqual(30);
    const kinds = new Set(corpus.malicious.flatMap((e) => scan(e).map((f) => f.kind)));
    for (const k of [
      'sensitive-file-access',
      'tool-shadowing',
      'behaviour-override',
      'rug-pull',
      'unicode-tags',
      'unicode-zero-width',
      'unicode-bidi',
      'homoglyph-name',
      'lookalike-of-other-tool',
      'exfiltration-url',
      'conceal-from-user',
      'instruction-override',
      'hidden-instruction-tag',
    ])
      expect(kinds, k).toContain(k);
  });

  it.each(corpus.malicious.map((e) => [e.id, e] as const))('detects malicious %s', (_id, entry) => {
    expect(atLeast(scan(entry), 'high').length).toBeGreaterThan(0);
  });

  it('quarantines the published attacks (critical findings)', () => {
    const mustQuarantine = [
      'invariant-add-sidenote',
      'invariant-shadow-send-email',
      'invariant-whatsapp-rug-pull',
      'ascii-smuggling-tags',
      'homoglyph-cyrillic-name',
      'exfil-webhook-site',
      'bidi-trojan-source',
    ];
    for (const id of mustQuarantine) {
      const entry = corpus.malicious.find((e) => e.id === id);
      expect(entry, id).toBeDefined();
      expect(atLeast(scan(entry!), 'critical').length, id).toBeGreaterThan(0);
    }
  });

  it.each(corpus.benign.map((e) => [e.id, e] as const))('does not flag benign %s', (_id, entry) => {
    expect(atLeast(scan(entry), 'medium')).toEqual([]);
  });

  it('decodes tag-character smuggling into the message', () => {
    const entry = corpus.malicious.find((e) => e.id === 'ascii-smuggling-tags')!;
    const f = scan(entry).find((x) => x.kind === 'unicode-tags');
    expect(f?.message).toContain('Ignore previous instructions');
  });

  it('flags the shadowing only when another server offers the named tool', () => {
    const entry = corpus.malicious.find((e) => e.id === 'shadow-named-tool-instead')!;
    expect(scan(entry).some((f) => f.kind === 'tool-shadowing')).toBe(true);
    expect(scanTool(entry.tool, { otherToolNames: [] }).some((f) => f.kind === 'tool-shadowing')).toBe(false);
  });

  it('reports oversize descriptions without quarantining them', () => {
    const f = scanTool({ name: 'big', description: 'word '.repeat(2500), inputSchema: {} }, { otherToolNames: [] });
    expect(f.map((x) => x.kind)).toEqual(['oversize-description']);
    expect(f[0]?.severity).toBe('medium');
  });
});

describe('false-positive rate on real descriptions (dev.json)', () => {
  interface Labelled {
    server: string;
    name: string;
    description?: string;
    inputSchema: JsonObject;
  }
  const tools = JSON.parse(
    readFileSync(new URL('./testdata/tool-labels/dev.json', import.meta.url), 'utf8'),
  ) as Labelled[];
  const namesByServer = new Map<string, string[]>();
  for (const t of tools) namesByServer.set(t.server, [...(namesByServer.get(t.server) ?? []), t.name]);

  const othersCache = new Map<string, string[]>();
  const othersOf = (server: string): string[] => {
    let list = othersCache.get(server);
    if (!list) {
      const own = new Set(namesByServer.get(server));
      list = [...namesByServer.entries()]
        .filter(([s]) => s !== server)
        .flatMap(([, n]) => n)
        .filter((n) => !own.has(n));
      othersCache.set(server, list);
    }
    return list;
  };

  it('stays under 1 % (medium severity or worse, size aside) and quarantines almost nothing real', () => {
    let flagged = 0;
    let critical = 0;
    let oversize = 0;
    const examples: string[] = [];
    for (const t of tools) {
      const otherToolNames = othersOf(t.server);
      const def: ToolDefinition = { name: t.name, inputSchema: t.inputSchema };
      if (t.description !== undefined) def.description = t.description;
      // Size is a measured property, not a suspicion: reported, not counted as a false positive.
      const all = scanTool(def, { otherToolNames });
      if (all.some((f) => f.kind === 'oversize-description')) oversize++;
      const findings = atLeast(all, 'medium').filter((f) => f.kind !== 'oversize-description');
      if (findings.length > 0) {
        flagged++;
        if (findings.some((f) => f.severity === 'critical')) critical++;
        if (examples.length < 12 || findings.some((f) => f.severity === 'critical'))
          examples.push(`${t.server} ${t.name}: ${findings.map((f) => `${f.severity} ${f.message}`).join('; ')}`);
      }
    }
    const rate = flagged / tools.length;
    console.log(
      `poisoning false positives on dev.json: ${flagged}/${tools.length} = ${(rate * 100).toFixed(2)} % (critical: ${critical}; oversize descriptions reported separately: ${oversize})\n  ${examples.join('\n  ')}`,
    );
    expect(rate).toBeLessThan(0.01);
    expect(critical / tools.length).toBeLessThan(0.002);
  });
});
