/**
 * When an administrative noun does not mean "who can do or see what" (docs/risk.md, administrative).
 *
 * - A policy that governs something other than access: the policy kinds of cloud and orchestration APIs (autoscaling,
 *   scaling, retention, lifecycle, backup, snapshot, alerting, escalation, notification, routing, caching, retry,
 *   placement, eviction, restart, update, deletion, versioning, replication, scheduling) decide how a system behaves,
 *   not who may act.
 * - "admin" opening an identifier of three words or more ("AdminRespondToAuthChallenge", "admin_forget_device",
 *   "adminEditUser"): the API flavour for callers with administrator credentials; it names the caller's privilege,
 *   not a change to anyone's (what the operation acts on still counts: a user, a role, a group).
 */
import { stem } from './tokens.js';

const behaviourPolicies: ReadonlySet<string> = new Set(
  (
    'autoscaling autoscale scaling scale retention lifecycle backup snapshot alert alerting escalation notification ' +
    'routing route cache caching retry placement eviction restart update upgrade deletion versioning replication ' +
    'maintenance rollout scheduling schedule'
  ).split(' '),
);

/** The word at `i` of `words` is an administrative noun used in a sense that is not about access. */
export function notAccessSense(words: readonly string[], i: number): boolean {
  const w = stem(words[i] ?? '');
  if (w === 'policy') return i > 0 && behaviourPolicies.has(stem(words[i - 1] ?? ''));
  if (w === 'admin' || w === 'administrator') return i === 0 && words.length >= 3;
  return false;
}
