import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { retentionConfigSchema } from '../audit/config-schema.js';
import { riskOverrideSchema } from '../risk/overrides.js';
import { configSchema } from './config.js';
import { configJsonSchema } from './json-schema.js';
import { parseConfigText } from './load.js';

/**
 * The published JSON Schema (editors, CI linting) and config loading must agree: a rule loading enforces with a zod
 * refinement is stated in the schema wherever JSON Schema can state it. Each case is judged by both.
 */
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const validate = addFormats(new Ajv2020({ allErrors: true, strict: false })).compile(configJsonSchema());
const loads = (yaml: string): boolean => {
  try {
    parseConfigText(yaml, '/srv/portcullis.yaml', {});
    return true;
  } catch {
    return false;
  }
};
const oauth = 'auth: { oauth: { issuer: "https://idp.example", audience: "https://gw.example/mcp" } }\n';

const cases: [string, string, boolean][] = [
  ['recordEveryMinutes 3', 'report: { recordEveryMinutes: 3 }', false],
  ['recordEveryMinutes 0 (off)', 'report: { recordEveryMinutes: 0 }', true],
  ['recordEveryMinutes 5', 'report: { recordEveryMinutes: 5 }', true],
  ['retention with neither limit', 'audit: { retention: { intervalMs: 60000 } }', false],
  ['retention by count', 'audit: { retention: { maxRecords: 10 } }', true],
  ['quota without daily or monthly', 'limits: { quotas: [{ name: q }] }', false],
  ['quota daily', 'limits: { quotas: [{ name: q, daily: 10 }] }', true],
  ['file vault without dir', 'vault: { provider: file }', false],
  ['file vault with dir', 'vault: { provider: file, dir: /run/secrets }', true],
  ['storage url of another kind', 'storage: mysql://db/x', false],
  ['storage postgres', 'storage: postgres://gw@db/portcullis', true],
  ['risk override pinning nothing', 'risk: { overrides: [{ tools: "x_*", reason: "reviewed by the team" }] }', false],
  [
    'risk override pinning a level',
    'risk: { overrides: [{ tools: "x_*", level: low, reason: "reviewed by the team" }] }',
    true,
  ],
  ['dashboard sign-in without auth.oauth', 'dashboard: { oidc: { clientId: dash } }', false],
  ['dashboard sign-in with auth.oauth', `${oauth}dashboard: { oidc: { clientId: dash } }`, true],
  ['dashboard scopes without openid', `${oauth}dashboard: { oidc: { clientId: dash, scopes: [email] } }`, false],
  ['metrics off loopback without a token', 'server: { host: 0.0.0.0, metrics: true }', false],
  ['metrics on loopback', 'server: { host: 127.0.0.1, metrics: true }', true],
  [
    'metrics off loopback with a token',
    `server: { host: 0.0.0.0, metrics: true, metricsToken: "${'a'.repeat(32)}" }`,
    true,
  ],
  ['the reserved backend name', 'upstreams: { portcullis: { transport: stdio, command: node } }', false],
  ['approval on an allow rule', 'policy: { rules: [{ effect: allow, tools: ["*"], approval: { quorum: 1 } }] }', false],
  ['a rule naming tools and prompts', 'policy: { rules: [{ effect: deny, tools: ["*"], prompts: ["*"] }] }', false],
  ['a rule naming tools', 'policy: { rules: [{ effect: deny, tools: ["a_*"] }] }', true],
  ['approvers naming nobody', 'policy: { approvals: { approvers: { users: [] } } }', false],
  ['an extra header of no valid name', 'openapi: { a: { spec: a.json, headers: { "X Bad": v } } }', false],
  [
    'a credential placed with "in" but no name',
    'openapi: { a: { spec: a.json, auth: { k: { credential: "${secret:K}", in: header } } } }',
    false,
  ],
  [
    'a credential placed with "in" and name',
    'openapi: { a: { spec: a.json, auth: { k: { credential: "${secret:K}", in: header, name: X-Key } } } }',
    true,
  ],
  [
    'a slack channel at an ftp URL',
    'notifications: { channels: { s: { type: slack, url: "ftp://hooks.example/x" } } }',
    false,
  ],
  ['a slack channel', 'notifications: { channels: { s: { type: slack, url: "https://hooks.example/x" } } }', true],
  [
    'a waiver naming neither tools nor categories',
    'policy: { approvals: { waivers: [{ reason: "reviewed by the team" }] } }',
    false,
  ],
  [
    'a waiver naming tools',
    'policy: { approvals: { waivers: [{ tools: ["a_*"], reason: "reviewed by the team" }] } }',
    true,
  ],
];

describe('the published JSON Schema states what loading enforces', () => {
  it.each(cases)('%s', (_name, yaml, ok) => {
    expect(loads(yaml), 'loading').toBe(ok);
    expect(validate(parseYaml(yaml)), JSON.stringify(validate.errors)).toBe(ok);
  });
});

/** Where in the config model each refinement sits (zod's own tree: refinements are checks of kind "custom"). */
function refinements(root: z.ZodType): Map<z.ZodType, string> {
  const found = new Map<z.ZodType, string>();
  const seen = new Set<unknown>();
  const walk = (s: z.ZodType, path: string): void => {
    if (seen.has(s)) return;
    seen.add(s);
    const def = s._zod.def as unknown as Record<string, unknown> & { checks?: { _zod: { def: { check: string } } }[] };
    if (def.checks?.some((c) => c._zod.def.check === 'custom')) found.set(s, path);
    const child = (k: string, p = path) => def[k] !== undefined && walk(def[k] as z.ZodType, p);
    switch (def.type) {
      case 'object':
        for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) walk(v, `${path}.${k}`);
        break;
      case 'array':
        child('element', `${path}[]`);
        break;
      case 'record':
        child('keyType', `${path}{key}`);
        child('valueType', `${path}{}`);
        break;
      case 'union':
        (def.options as z.ZodType[]).forEach((o, i) => walk(o, `${path}|${i}`));
        break;
      case 'pipe':
        child('in');
        child('out');
        break;
      case 'lazy':
        walk((def.getter as () => z.ZodType)(), path);
        break;
      default:
        child('innerType');
    }
  };
  walk(root, '');
  return found;
}

/**
 * Refinements JSON Schema cannot state: a glob's syntax and that it compiles (globProblem, compileProblem), one part of the document checked against
 * another (references, names unique across lists or sections), and what a value means beyond its shape.
 */
const notStatable = [
  '', // references (auth, identities, notification channels, pinned backends); backend names across sections
  '.agents{}.tools.allow[]', // glob syntax
  '.agents{}.tools.deny[]',
  '.owners{key}',
  '.policy.rules[].agents[]',
  '.policy.approvals.waivers[].tools[]',
  '.policy.rules[].when', // a CEL expression that compiles
  '.limits', // rule names unique across rate and quotas
  // Globs compiled by picomatch, checked by compiling them as their builder does (and bounded once case-folded).
  '.limits.rate[].agents[]', // every limit glob (one schema)
  '.risk.overrides[].tools',
  '.audit.redaction.tools{key}',
  '.audit.redaction.tools{}[].path', // a path the redactor parses
  '.openapi{}.include[]', // include and exclude (one schema)
];

describe('every refinement of the config model is stated in the JSON Schema or listed here as not statable', () => {
  const keywords = ['anyOf', 'oneOf', 'allOf', 'if', 'contains', 'dependentRequired', 'pattern', 'not'];
  const stated = (s: z.ZodType) =>
    [retentionConfigSchema, riskOverrideSchema].includes(s as never) ||
    keywords.some((k) => Object.hasOwn(z.globalRegistry.get(s) ?? {}, k));
  it('walks the whole model', () => {
    const found = refinements(configSchema);
    const paths = [...found.values()];
    expect(paths).toEqual(expect.arrayContaining(['', '.report.recordEveryMinutes', '.audit.retention']));
    const missing = [...found].filter(([s, p]) => !stated(s) && !notStatable.includes(p)).map(([, p]) => p);
    expect(missing).toEqual([]);
  });
});
