import { z } from 'zod';
import { riskCategories } from '../risk/types.js';
import { compileCondition } from './cel.js';
import { globProblem } from './glob.js';
import { globPattern } from '../core/glob-pattern.js';
import { approvalSpecSchema, approvalsConfigSchema, approvalsDefaults } from './approval-config.js';

const name = z.string().regex(/^[A-Za-z0-9._:@-]{1,64}$/, 'letters, digits and . _ : @ - (1-64)');
const globs = z.array(globPattern(globProblem)).min(1);

/** A role: who holds it (agents by name, users by id, users by group). */
export const roleSchema = z
  .object({
    description: z.string().optional().describe('What this role is for'),
    agents: z.array(z.string().min(1)).default([]).describe('Agents that hold this role (by name)'),
    users: z.array(z.string().min(1)).default([]).describe('Users that hold this role (by id)'),
    groups: z.array(z.string().min(1)).default([]).describe('Users in these groups hold this role'),
  })
  .strict();

/**
 * One rule. Who (agents, users, groups, roles: each given list must match), what (tools, prompts or resources
 * globs; backends; risk level, categories, side effect) and an optional CEL condition. Deny overrides hold
 * overrides allow; no match denies.
 */
export const ruleSchema = z
  .object({
    id: name.optional().describe('Rule id (in decisions, audit records and reports); unique'),
    description: z.string().optional().describe('What this rule is for'),
    effect: z
      .enum(['allow', 'deny', 'hold'])
      .describe('allow, deny or hold (ask a person); deny overrides hold overrides allow'),
    agents: globs.optional().describe('Agent name globs this rule applies to'),
    users: globs.optional().describe('User id globs this rule applies to'),
    groups: z.array(z.string().min(1)).min(1).optional().describe('User groups this rule applies to'),
    roles: z.array(z.string().min(1)).min(1).optional().describe('Roles (policy.roles) this rule applies to'),
    tools: globs
      .optional()
      .describe('Tool name globs (namespaced); a glob grants a high-risk tool only with risk: [high]'),
    prompts: globs.optional().describe('Prompt name globs'),
    /** Globs over `<server>:<normalised uri>`; `*` stays within one path segment, `**` crosses. */
    resources: globs.optional().describe('Globs over <server>:<normalised uri>; * stays in one segment, ** crosses'),
    backends: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Backends (upstream or openapi names) this rule applies to'),
    /** Risk levels this rule applies to. A glob grants a `high` tool only when this list names `high`. */
    risk: z
      .array(z.enum(['low', 'medium', 'high']))
      .min(1)
      .optional()
      .describe('Risk levels this rule applies to'),
    categories: z.array(z.enum(riskCategories)).min(1).optional().describe('Risk categories this rule applies to'),
    sideEffects: z
      .array(z.enum(['none', 'data-change', 'irreversible', 'external']))
      .min(1)
      .optional()
      .describe('Side effects this rule applies to'),
    /** CEL over principal, target, risk and args; compiled at load. A condition that fails to evaluate denies. */
    when: z
      .string()
      .min(1)
      .superRefine((src, ctx) => {
        try {
          compileCondition(src);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: (e as Error).message });
        }
      })
      .optional()
      .describe('CEL condition over principal, target, risk and args; an evaluation error denies'),
    /** With `effect: hold`: who approves, how many, how long (defaults: `policy.approvals`). */
    approval: approvalSpecSchema
      .optional()
      .describe('With effect: hold: who approves, how many, how long (defaults: policy.approvals)'),
  })
  .strict();

export const policyConfigSchema = z
  .object({
    roles: z.record(name, roleSchema).default({}).describe('Named roles: who holds them (agents, users, groups)'),
    rules: z.array(ruleSchema).default([]).describe('Policy rules; no matching rule denies'),
    /** Approval defaults, the critical-category default rule and its waivers (docs/approvals.md). */
    approvals: approvalsConfigSchema
      .default(approvalsDefaults)
      .describe('Approval defaults, the critical-category default rule and its waivers'),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Map<string, number>();
    p.rules.forEach((r, i) => {
      if (r.id !== undefined) {
        if (seen.has(r.id))
          ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${r.id}"` });
        seen.set(r.id, i);
      }
      for (const role of r.roles ?? [])
        if (!Object.hasOwn(p.roles, role))
          ctx.addIssue({ code: 'custom', path: ['rules', i, 'roles'], message: `unknown role "${role}"` });
      if (r.approval && r.effect !== 'hold')
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'approval'],
          message: 'approval applies to rules with effect: hold',
        });
      const kinds = [r.tools, r.prompts, r.resources].filter((k) => k !== undefined).length;
      if (kinds > 1)
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i],
          message: 'a rule names tools, prompts or resources, not several (write one rule each)',
        });
    });
  })
  // For the JSON Schema: the two per-rule checks above (ids and roles are checked against the rest of the file).
  .meta({
    allOf: [
      {
        properties: {
          rules: {
            items: {
              if: { required: ['approval'] },
              then: { properties: { effect: { const: 'hold' } } },
              not: {
                anyOf: [
                  { required: ['tools', 'prompts'] },
                  { required: ['tools', 'resources'] },
                  { required: ['prompts', 'resources'] },
                ],
              },
            },
          },
        },
      },
    ],
  });

export type PolicyConfig = z.infer<typeof policyConfigSchema>;
export type RuleConfig = z.infer<typeof ruleSchema>;
