/**
 * Property: a destructive or otherwise never-lowered verb anywhere in a tool's name, in any naming shape,
 * never yields a read-only assessment, whatever else the name, the description or the upstream says; nor does a
 * state-changing verb in a description's operation list ("Dataset ops: list/get/delete") or first sentence, and
 * money-movement verbs are financial changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ToolAnnotations, ToolDefinition, ToolSource } from '../core/tool.js';
import { annotationsFor } from './annotations.js';
import { classifyTool } from './classify.js';

const destructiveVerbs = [
  'delete',
  'remove',
  'destroy',
  'purge',
  'erase',
  'wipe',
  'truncate',
  'terminate',
  'uninstall',
  'deregister',
  'obliterate',
] as const;
/** The other verbs nothing may lower (issue 14): send, pay, deploy, revoke, rotate, execute. */
const neverLoweredVerbs = ['send', 'pay', 'deploy', 'revoke', 'rotate', 'execute', 'publish', 'invoke'] as const;
/** No noun that forms a compound with a verb ("deploy key" is a key, not a deploy). */
const nouns = [
  'vm',
  'disk',
  'instance',
  'user',
  'file',
  'repo',
  'bucket',
  'record',
  'item',
  'secret',
  'status',
  'history',
  'details',
  'info',
  'message',
  'invoice',
  'snapshot',
  'table',
  'index',
];
/** Service prefixes, several of them also read verbs or nouns ("compute", "search", "monitor", "report"). */
const services = [
  'compute',
  'storage',
  'network',
  'search',
  'monitor',
  'report',
  'audit',
  'scan',
  'trace',
  'billing',
  'identity',
  'dns',
  'k8s',
  'sql',
  'drive',
  'mail',
  'check',
  'analytics',
  'preview',
];
const readVerbs = ['get', 'list', 'read', 'fetch', 'describe', 'show', 'search', 'find', 'view'];
const descriptions = [
  undefined,
  'Returns the details.',
  'Provides detailed guidance and instructions for this task.',
  'Read-only helper; does not change anything.',
  'Gets the status of the resource.',
  'Lists matching items.',
];

const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
type Shape = (verb: string, noun: string, service: string, read: string) => string;
const shapes: Record<string, Shape> = {
  verb_noun: (v, n) => `${v}_${n}`,
  noun_verb: (v, n) => `${n}_${v}`,
  service_resource_verb: (v, n, s) => `${s}_${n}_${v}`,
  service_verb_resource: (v, n, s) => `${s}_${v}_${n}`,
  read_then_verb: (v, n, _s, r) => `${r}_${n}_and_${v}`,
  camelCase: (v, n, s) => `${s}${cap(n)}${cap(v)}`,
  camelVerbFirst: (v, n) => `${v}${cap(n)}`,
  kebab: (v, n, s) => `${s}-${n}-${v}`,
  dotted: (v, n, s) => `${s}.${n}.${v}`,
  slash: (v, n, s) => `${s}/${v}-${n}`,
};

const sources: ToolSource[] = [
  { kind: 'mcp', server: 'prop' },
  { kind: 'openapi', backend: 'prop', method: 'POST', path: '/things' },
  { kind: 'openapi', backend: 'prop', method: 'PATCH', path: '/things/{id}' },
];

function tool(name: string, description: string | undefined, readOnlyClaim: boolean): ToolDefinition {
  const annotations: ToolAnnotations | undefined = readOnlyClaim ? { readOnlyHint: true } : undefined;
  return {
    name,
    inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
    ...(description !== undefined ? { description } : {}),
    ...(annotations ? { annotations } : {}),
  };
}

function property(verbs: readonly string[]) {
  return fc.property(
    fc.constantFrom(...verbs),
    fc.constantFrom(...nouns),
    fc.constantFrom(...services),
    fc.constantFrom(...readVerbs),
    fc.constantFrom(...Object.keys(shapes)),
    fc.constantFrom(...descriptions),
    fc.boolean(),
    fc.constantFrom(...sources),
    (verb, noun, service, read, shape, description, readOnlyClaim, source) => {
      const name = (shapes[shape] as Shape)(verb, noun, service, read);
      const src: ToolSource = source.kind === 'openapi' ? { ...source, operationId: name } : source;
      const a = classifyTool(tool(name, description, readOnlyClaim), src);
      const why = `${name} (${shape}, ${src.kind}): ${a.sideEffect} ${a.reasons.join(' | ')}`;
      expect(a.sideEffect, why).not.toBe('none');
      expect(annotationsFor(a).readOnlyHint, why).toBe(false);
    },
  );
}

describe('monotone signals (property-based)', () => {
  it('no destructive verb, in any name shape, ever yields sideEffect none', () => {
    fc.assert(property(destructiveVerbs), { numRuns: 2000 });
  });

  it('no never-lowered verb (send, pay, deploy, revoke, rotate, execute) yields sideEffect none', () => {
    fc.assert(property(neverLoweredVerbs), { numRuns: 2000 });
  });

  // A query tool's own read-only guarantee (SQL SELECT, a READ ONLY transaction) is the one stated evidence that lowers
  // an exec verb's side effect (ADR 0008, read-only-queries.ts); it never lowers any other change.
  const readOnlyQueryDescriptions = [
    'Runs a read-only SQL query and returns the rows.',
    'Executes the statement inside a read-only transaction.',
    'Execute a SQL SELECT query against the database.',
    'Runs only SELECT statements.',
  ];
  const sqlTool = (name: string, description: string, readOnlyClaim: boolean): ToolDefinition => ({
    ...tool(name, description, readOnlyClaim),
    inputSchema: { type: 'object', properties: { sql: { type: 'string', description: 'SQL to run' } } },
  });

  it("a read-only query guarantee never lowers a destructive or other never-lowered verb's side effect", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...destructiveVerbs, ...neverLoweredVerbs.filter((v) => v !== 'execute' && v !== 'invoke')),
        fc.constantFrom(...nouns),
        fc.constantFrom(...services),
        fc.constantFrom(...readVerbs),
        fc.constantFrom(...Object.keys(shapes)),
        fc.constantFrom(...readOnlyQueryDescriptions),
        fc.boolean(),
        fc.constantFrom(...sources),
        (verb, noun, service, read, shape, description, readOnlyClaim, source) => {
          const name = (shapes[shape] as Shape)(verb, noun, service, read);
          const src: ToolSource = source.kind === 'openapi' ? { ...source, operationId: name } : source;
          const a = classifyTool(sqlTool(name, description, readOnlyClaim), src);
          const why = `${name} "${description}" (${shape}, ${src.kind}): ${a.sideEffect} ${a.reasons.join(' | ')}`;
          expect(a.sideEffect, why).not.toBe('none');
          expect(annotationsFor(a).readOnlyHint, why).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a read-only query guarantee with a destructive verb, wording or SQL write statement beside it lowers nothing', () => {
    const besides = [
      (v: string, n: string) => `${cap(v)}s the ${n} afterwards.`,
      () => 'Accepts SELECT, INSERT, UPDATE or DELETE.',
      (_v: string, n: string) => `The ${n} is permanently erased afterwards.`,
      () => 'DROP TABLE is allowed.',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom('execute', 'run', 'query', 'exec'),
        fc.constantFrom(...destructiveVerbs),
        fc.constantFrom(...nouns),
        fc.constantFrom(...readOnlyQueryDescriptions),
        fc.constantFrom(...besides.keys()),
        fc.boolean(),
        fc.constantFrom(...sources),
        (exec, verb, noun, guarantee, which, readOnlyClaim, source) => {
          const name = `${exec}_${noun}_sql`;
          const description = `${guarantee} ${besides[which]!(verb, noun)}`;
          const src: ToolSource = source.kind === 'openapi' ? { ...source, operationId: name } : source;
          const a = classifyTool(sqlTool(name, description, readOnlyClaim), src);
          const why = `${name} "${description}" (${src.kind}): ${a.sideEffect} ${a.reasons.join(' | ')}`;
          expect(a.reasons.join(' | '), why).not.toMatch(/guarantees a read-only query/);
          // A query verb alone is a read (the query's language makes it code execution); a run verb is a change.
          if (exec === 'query') return;
          expect(a.sideEffect, why).not.toBe('none');
          expect(annotationsFor(a).readOnlyHint, why).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a destructive verb in the first sentence of the description raises a read-named tool', () => {
    fc.assert(
      fc.property(fc.constantFrom(...destructiveVerbs), fc.constantFrom(...nouns), (verb, noun) => {
        const a = classifyTool(tool(`${noun}_tool`, `${cap(verb)}s the ${noun} permanently.`, false), sources[0]!);
        expect(a.sideEffect, a.reasons.join(' | ')).not.toBe('none');
      }),
      { numRuns: 300 },
    );
  });

  it('a change verb in a description operation list or first sentence never yields sideEffect none', () => {
    // Not 'invoke': a light verb on an analysis noun ("Invoke the snapshot", "Run a scan") names the analysis, a read
    // by design (ADR 0008, evidence item 4).
    const changeVerbs = [
      ...destructiveVerbs,
      ...neverLoweredVerbs.filter((v) => v !== 'invoke'),
      'create',
      'update',
      'upload',
      'withdraw',
    ];
    const listShapes: Record<string, (reads: string[], verb: string, noun: string) => string> = {
      headedSlash: (r, v, n) => `${cap(n)} ops: ${[...r, v].join('/')}.`,
      headedSlashVerbFirst: (r, v, n) => `${cap(n)} operations: ${[v, ...r].join(' / ')}. Read-only by default.`,
      headedComma: (r, v, n) => `Actions: ${[...r.slice(0, 1), `${v}_${n}`, ...r.slice(1)].join(', ')}.`,
      pipes: (r, v, n) => `Manage ${n}s (${[...r, v].join(' | ')}).`,
      bareSlash: (r, v) => `Supports ${[...r, v].join('/')} on the resource.`,
      opensWithChange: (r, v, n) => `${cap(v)} the ${n} and ${r[0]} the result.`,
      toolToChange: (r, v, n) => `Use this tool to ${v} a ${n}; ${r[0]} returns nothing else.`,
      readAndChange: (r, v, n) => `${cap(r[0]!)} the ${n} and ${v} it.`,
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...changeVerbs),
        fc.constantFrom(...nouns),
        fc.shuffledSubarray(readVerbs, { minLength: 2, maxLength: 4 }),
        fc.constantFrom(...Object.keys(listShapes)),
        fc.constantFrom('noun', 'service_noun'),
        fc.boolean(),
        fc.constantFrom(...sources),
        (verb, noun, reads, shape, naming, readOnlyClaim, source) => {
          const description = listShapes[shape]!(reads, verb, noun);
          const name = naming === 'noun' ? noun : `prop_${noun}`;
          const src: ToolSource = source.kind === 'openapi' ? { ...source, operationId: name } : source;
          const definition: ToolDefinition = {
            name,
            description,
            inputSchema: { type: 'object', properties: {} },
            ...(readOnlyClaim ? { annotations: { readOnlyHint: true } } : {}),
          };
          const a = classifyTool(definition, src);
          const why = `${name} "${description}" (${shape}, ${src.kind}): ${a.sideEffect} ${a.reasons.join(' | ')}`;
          expect(a.sideEffect, why).not.toBe('none');
          expect(annotationsFor(a).readOnlyHint, why).toBe(false);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('money-movement verbs (PSD2 payment services, ISO 20022) are financial changes', () => {
    const moneyVerbs = ['pay', 'payout', 'withdraw', 'deposit', 'transfer', 'refund', 'charge', 'debit', 'remit'];
    const moneyObjects = ['funds', 'amount', 'balance', 'money'];
    fc.assert(
      fc.property(
        fc.constantFrom(...moneyVerbs),
        fc.constantFrom(...moneyObjects),
        fc.constantFrom('name', 'description'),
        fc.constantFrom(...sources),
        (verb, object, where, source) => {
          const name = where === 'name' ? `${verb}_${object}` : `account_${object}`;
          const description =
            where === 'name' ? 'Returns the result.' : `${cap(verb)} ${object} from the account to a recipient.`;
          const src: ToolSource = source.kind === 'openapi' ? { ...source, operationId: name } : source;
          const a = classifyTool(tool(name, description, false), src);
          const why = `${name} "${description}" (${src.kind}): ${a.sideEffect} ${a.reasons.join(' | ')}`;
          expect(a.sideEffect, why).not.toBe('none');
          expect(a.categories, why).toContain('financial');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the issue examples are state changes, never served read-only', () => {
    for (const name of ['compute_vm_delete', 'compute_disk_create', 'compute_vm_update']) {
      const a = classifyTool(tool(name, undefined, false), sources[0]!);
      expect(a.sideEffect, name).not.toBe('none');
      expect(annotationsFor(a).readOnlyHint, name).toBe(false);
    }
  });
});
