import { z } from 'zod';
import { riskCategories, type RiskCategory } from '../risk/types.js';
import type { ApprovalRequirement } from '../core/approval.js';
import { globProblem } from './glob.js';
import { globPattern } from '../core/glob-pattern.js';

const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** `"90s"`, `"5m"`, `"1h"` (and `"500ms"`, for tests) → milliseconds. */
export const durationSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,6}(ms|s|m|h)$/, 'a duration such as "30s", "5m" or "1h"')
  .transform((v) => {
    const m = /^(\d+)(ms|s|m|h)$/.exec(v)!;
    return Number(m[1]) * UNITS[m[2] as keyof typeof UNITS];
  });

const people = z
  .object({
    users: z.array(z.string().min(1)).default([]).describe('Users who may approve (by id)'),
    groups: z.array(z.string().min(1)).default([]).describe('Members of these groups may approve'),
  })
  .strict()
  .refine((p) => p.users.length + p.groups.length > 0, 'name at least one user or group')
  .meta({
    anyOf: [
      { required: ['users'], properties: { users: { minItems: 1 } } },
      { required: ['groups'], properties: { groups: { minItems: 1 } } },
    ],
  });

/**
 * `approval:` on a `hold` rule: who may approve, how many distinct people (`quorum`), one from each of `groups`,
 * how long it may wait (`timeout`), where it is announced (`channels`). Unset keys come from `policy.approvals`.
 */
export const approvalSpecSchema = z
  .object({
    approvers: people.optional().describe('Who may approve (default: policy.approvals.approvers)'),
    quorum: z.number().int().min(1).max(10).optional().describe('How many distinct people must approve'),
    /** One approver from each of these groups (a multi-party rule); also makes their members eligible. */
    groups: z
      .array(z.string().min(1))
      .min(1)
      .max(10)
      .optional()
      .describe('One approver from each of these groups (multi-party approval)'),
    timeout: durationSchema.optional().describe('How long the request waits for a decision, e.g. "5m"'),
    /** How long the agent's call waits before it returns the approval id (default: `policy.approvals.wait`). */
    wait: durationSchema.optional().describe('How long the agent’s call waits before it returns the approval id'),
    channels: z.array(z.string().min(1)).optional().describe('Notification channels that announce the request'),
  })
  .strict();

const waiverSchema = z
  .object({
    /** Tools the waiver covers (globs over namespaced names); absent: every tool. */
    tools: z
      .array(globPattern(globProblem))
      .min(1)
      .optional()
      .describe('Tool globs the waiver covers (absent: every tool)'),
    /** Critical categories waived; absent: all of them (for the tools named). */
    categories: z
      .array(z.enum(riskCategories))
      .min(1)
      .optional()
      .describe('Critical categories waived (absent: all, for the tools named)'),
    /** Why these calls may run without a person (the security report lists every waiver with it). */
    reason: z
      .string()
      .trim()
      .min(8, 'say why (at least 8 characters): the security report lists every waiver')
      .describe('Why these calls may run without a person (listed in the security report)'),
  })
  .strict()
  .refine((w) => w.tools !== undefined || w.categories !== undefined, 'name tools, categories or both')
  .meta({ anyOf: [{ required: ['tools'] }, { required: ['categories'] }] });

/** The approval categories that need a person by default (issue 9). */
export const defaultApprovalCategories: readonly RiskCategory[] = [
  'destructive',
  'financial',
  'credential-access',
  'code-execution',
];

/** `policy.approvals`: defaults for every `hold` rule, the critical-category default and its waivers. */
export const approvalsConfigSchema = z
  .object({
    /** How long a request waits for a decision (and an approved call may wait to be executed). */
    timeout: durationSchema.default(300_000).describe('Default time a request waits for a decision, e.g. "5m"'),
    /** How long the agent's call waits (with progress notifications) before it returns the approval id. */
    wait: durationSchema
      .default(30_000)
      .describe('Default time the agent’s call waits before it returns the approval id'),
    /** Default approvers; absent: any person with the approver or admin role. */
    approvers: people.optional().describe('Default approvers (absent: anyone with the approver or admin role)'),
    channels: z.array(z.string().min(1)).default([]).describe('Default notification channels for approval requests'),
    /** Calls to allowed tools in these categories need one approval unless waived (the default rule). */
    categories: z
      .array(z.enum(riskCategories))
      .default([...defaultApprovalCategories])
      .describe('Calls to allowed tools in these categories need one approval unless waived'),
    waivers: z.array(waiverSchema).default([]).describe('Exceptions to the critical-category rule, each with a reason'),
  })
  .strict();

export type ApprovalSpecConfig = z.infer<typeof approvalSpecSchema>;
export type ApprovalsConfig = z.infer<typeof approvalsConfigSchema>;
export type WaiverConfig = z.infer<typeof waiverSchema>;

export const approvalsDefaults: ApprovalsConfig = approvalsConfigSchema.parse({});

/** A rule's approval spec with the section's defaults filled in. */
export function requirementOf(spec: ApprovalSpecConfig | undefined, d: ApprovalsConfig): ApprovalRequirement {
  const groups = spec?.groups;
  const approvers = spec?.approvers ?? (groups ? undefined : d.approvers);
  return {
    quorum: Math.max(spec?.quorum ?? 1, groups?.length ?? 0),
    ...(groups ? { groups: [...groups] } : {}),
    ...(approvers ? { approvers: { users: [...approvers.users], groups: [...approvers.groups] } } : {}),
    timeoutMs: spec?.timeout ?? d.timeout,
    channels: [...(spec?.channels ?? d.channels)],
    ...(spec?.wait !== undefined ? { waitMs: spec.wait } : {}),
  };
}
