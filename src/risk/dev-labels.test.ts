/**
 * Honest evaluation against ~1,800 real MCP tools whose authors declared annotations
 * (src/risk/testdata/tool-labels/dev.json). Annotations are removed before classifying.
 * Per-server (macro) recall, floors from the acceptance criteria; the figures are printed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JsonObject, ToolDefinition } from '../core/tool.js';
import { annotationsFor } from './annotations.js';
import { classifyTool } from './classify.js';

interface Labelled {
  server: string;
  name: string;
  description?: string;
  annotations: { readOnlyHint?: boolean | null; destructiveHint?: boolean | null } | null;
  inputSchema: JsonObject;
}

const devPath = new URL('./testdata/tool-labels/dev.json', import.meta.url);
const tools = JSON.parse(readFileSync(devPath, 'utf8')) as Labelled[];

interface Tally {
  hit: number;
  total: number;
}

function recallByServer(select: (t: Labelled) => boolean, correct: (t: Labelled, def: ToolDefinition) => boolean) {
  const by = new Map<string, Tally & { misses: string[] }>();
  for (const t of tools) {
    if (!select(t)) continue;
    const def: ToolDefinition = { name: t.name, inputSchema: t.inputSchema };
    if (t.description !== undefined) def.description = t.description;
    const tally = by.get(t.server) ?? { hit: 0, total: 0, misses: [] };
    tally.total++;
    if (correct(t, def)) tally.hit++;
    else tally.misses.push(t.name);
    by.set(t.server, tally);
  }
  const servers = [...by.entries()].map(([server, x]) => ({ server, recall: x.hit / x.total, ...x }));
  const macro = servers.reduce((a, b) => a + b.recall, 0) / servers.length;
  const micro = servers.reduce((a, b) => a + b.hit, 0) / servers.reduce((a, b) => a + b.total, 0);
  servers.sort((a, b) => a.recall - b.recall);
  return { macro, micro, servers };
}

const source = (t: Labelled) => ({ kind: 'mcp' as const, server: t.server });
const isReadOnly = (t: Labelled, def: ToolDefinition) => classifyTool(def, source(t)).sideEffect === 'none';
const report = (title: string, r: ReturnType<typeof recallByServer>) => {
  const worst = r.servers
    .slice(0, 5)
    .map(
      (s) => `    ${s.server}: ${s.hit}/${s.total} (${s.recall.toFixed(3)}) misses: ${s.misses.slice(0, 6).join(', ')}`,
    )
    .join('\n');
  console.log(
    `${title}: macro ${r.macro.toFixed(3)}, micro ${r.micro.toFixed(3)}, ${r.servers.length} servers\n  worst:\n${worst}`,
  );
};

describe('classifier against declared annotations (dev.json, annotations removed)', () => {
  const writes = recallByServer(
    (t) => t.annotations?.readOnlyHint === false,
    (t, def) => !isReadOnly(t, def),
  );
  const reads = recallByServer(
    (t) => t.annotations?.readOnlyHint === true,
    (t, def) => isReadOnly(t, def),
  );
  const destructive = recallByServer(
    (t) => t.annotations?.destructiveHint === true && t.annotations.readOnlyHint !== true,
    (t, def) => annotationsFor(classifyTool(def, source(t))).destructiveHint === true,
  );

  it('has the labelled data it expects', () => {
    expect(tools.length).toBeGreaterThan(1500);
    expect(writes.servers.length).toBeGreaterThan(15);
  });

  it('recall on side-effecting tools >= 0.97 (macro over servers)', () => {
    report('side-effecting recall', writes);
    expect(writes.macro).toBeGreaterThanOrEqual(0.97);
  });

  it('recall on read-only tools >= 0.85 (macro over servers)', () => {
    report('read-only recall', reads);
    expect(reads.macro).toBeGreaterThanOrEqual(0.85);
  });

  it('destructive recall >= 0.90 (macro over servers, against destructiveHint: true)', () => {
    report('destructive recall', destructive);
    expect(destructive.macro).toBeGreaterThanOrEqual(0.9);
  });
});
