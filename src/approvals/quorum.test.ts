import { describe, expect, it } from 'vitest';
import type { ApprovalDecisionEntry, ApprovalRequirement } from '../core/approval.js';
import { eligibility, progressText, satisfied } from './quorum.js';

const req = (over: Partial<ApprovalRequirement> = {}): ApprovalRequirement => ({
  quorum: 1,
  timeoutMs: 1000,
  channels: [],
  ...over,
});
const yes = (by: string, groups: string[] = []): ApprovalDecisionEntry => ({
  by,
  decision: 'approve',
  at: 't',
  groups,
});
// Signed in with OAuth (the token's email is an alias): their identity at the IdP is known.
const person = (name: string, groups: string[] = [], roles = ['approver']) => ({
  name,
  groups,
  roles,
  aliases: [`${name}@example.com`],
});

describe('who may decide', () => {
  const requester = { agent: 'ops-agent', user: 'ann' };
  it('needs the approver or admin role', () => {
    expect(eligibility(req(), requester, person('bob', [], ['auditor']))?.message).toMatch(/approver or admin/);
    expect(eligibility(req(), requester, person('bob', [], ['admin']))).toBeUndefined();
  });
  it('never the person the call is made for, under any of their names, nor the agent', () => {
    expect(eligibility(req(), requester, person('ann'))?.message).toMatch(/your own behalf/);
    expect(eligibility(req(), requester, { ...person('a.n'), aliases: ['ann'] })?.message).toMatch(/own behalf/);
    expect(eligibility(req(), requester, person('ops-agent'))?.message).toMatch(/own behalf/);
    // The requester's other names (the token's email, the configured person they are) count as theirs.
    const mapped = { ...requester, identities: ['ops-agent', 'ann', 'ann@corp.example', 'annie'] };
    expect(eligibility(req(), mapped, person('annie'))?.message).toMatch(/own behalf/);
    expect(
      eligibility(req(), mapped, person('bob'), { identities: ['bob', 'ann@corp.example'], linked: true })?.message,
    ).toMatch(/own behalf/);
    expect(eligibility(req(), mapped, person('bob'))).toBeUndefined();
  });
  it('a call made for an IdP user: only approvers whose own IdP identity is known (else nobody can tell)', () => {
    const keyUser = { name: 'bob', groups: [], roles: ['approver'] };
    expect(eligibility(req(), requester, keyUser)?.message).toMatch(
      /made for ann, a person named by the identity provider.*users\.bob\.identities/,
    );
    expect(eligibility(req(), requester, keyUser, { identities: ['bob', 'b-77'], linked: true })).toBeUndefined();
    // A call an agent made on its own (no user) needs no IdP identity.
    expect(eligibility(req(), { agent: 'ops-agent' }, keyUser)).toBeUndefined();
  });
  it('only the named users and members of the named groups, when the rule names them', () => {
    const r = req({ approvers: { users: ['cy'], groups: ['managers'] }, groups: ['finance'] });
    expect(eligibility(r, requester, person('cy'))).toBeUndefined();
    expect(eligibility(r, requester, person('dee', ['managers']))).toBeUndefined();
    expect(eligibility(r, requester, person('eve', ['finance']))).toBeUndefined();
    expect(eligibility(r, requester, person('fay', ['sales']))?.message).toBe(
      'This request needs an approver from: user cy, group managers, group finance',
    );
  });
});

describe('when a request is approved', () => {
  it('counts distinct people up to the quorum', () => {
    const r = req({ quorum: 2 });
    expect(satisfied(r, [yes('a')])).toBe(false);
    expect(satisfied(r, [yes('a'), { by: 'b', decision: 'deny', at: 't' }])).toBe(false);
    expect(satisfied(r, [yes('a'), yes('b')])).toBe(true);
  });
  it('needs one distinct approver per group: one person in two groups fills one of them', () => {
    const r = req({ quorum: 2, groups: ['finance', 'security'] });
    expect(satisfied(r, [yes('a', ['finance', 'security'])])).toBe(false);
    expect(satisfied(r, [yes('a', ['finance', 'security']), yes('b', ['finance'])])).toBe(true);
    expect(satisfied(r, [yes('a', ['finance']), yes('b', ['finance'])])).toBe(false);
    expect(progressText(r, [yes('a', ['finance'])])).toBe('1 of 2 approval(s); still needed: one from security');
  });
});
