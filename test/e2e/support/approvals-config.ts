import { join } from 'node:path';

const UPSTREAM = join(import.meta.dirname, 'counting-upstream.mjs');

/** The approval e2e deployment: a counting upstream (executions appended to `count`), agents, approvers, rules. */
export const approvalsConfig = (count: string) => `
upstreams:
  pay:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(UPSTREAM)}]
    env: { COUNT_FILE: ${JSON.stringify(count)} }
agents:
  ops:
    tools:
      allow: ["pay_refund", "pay_delete_record", "pay_wire_transfer", "pay_get_balance"]
  other:
    tools:
      allow: ["pay_refund", "pay_delete_record"]
users:
  ann: { roles: [approver], groups: [finance] }
  bob: { roles: [approver], groups: [finance, security] }
  cy: { roles: [approver], groups: [security] }
  dee: { roles: [approver], groups: [sales] }
  aud: { roles: [auditor] }
policy:
  approvals:
    wait: 1s
    waivers:
      - tools: [pay_refund]
        categories: [financial]
        reason: small refunds are routine; the rules below hold the larger ones
  rules:
    - id: huge-refunds
      effect: hold
      tools: [pay_refund]
      when: 'args.amount > 1000.0'
      approval: { groups: [finance, security], wait: 30s }
    - id: refunds
      effect: hold
      tools: [pay_refund]
      when: 'args.amount > 50.0'
      approval: { approvers: { groups: [finance] }, quorum: 2, wait: 30s }
    - id: transfers
      effect: hold
      agents: [ops]
      tools: [pay_wire_transfer]
      approval: { timeout: 5s, wait: 1s }
`;
