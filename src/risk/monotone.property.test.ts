/**
 * Property: a destructive or otherwise never-lowered verb anywhere in a tool's name, in any naming shape,
 * never yields a read-only assessment, whatever else the name, the description or the upstream says.
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

  it('a destructive verb in the first sentence of the description raises a read-named tool', () => {
    fc.assert(
      fc.property(fc.constantFrom(...destructiveVerbs), fc.constantFrom(...nouns), (verb, noun) => {
        const a = classifyTool(tool(`${noun}_tool`, `${cap(verb)}s the ${noun} permanently.`, false), sources[0]!);
        expect(a.sideEffect, a.reasons.join(' | ')).not.toBe('none');
      }),
      { numRuns: 300 },
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
