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
 * - A group of things (twenty-ninth round): a group named after what it groups ("containerGroups", "vlan-groups",
 *   "crash_groups": Azure's container groups run containers, NetBox's VLAN groups hold VLANs, a crash
 *   reporter's groups hold crashes) collects those things; only a group of people or accounts (a bare "group", a "user
 *   group", a "member group") decides who may act. The word before "group" in the same name, segment or tag says which:
 *   a noun that names no person, account or access (no administrative or personal-data noun, no verb).
 */
import { strongNouns, verbs, weakNouns } from './lexicon.js';
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
  if (w === 'group') return i > 0 && groupsThings(stem(words[i - 1] ?? ''));
  return false;
}

/** "container" of "containerGroups": a word that names things, not people, accounts or access. */
function groupsThings(prev: string): boolean {
  // A version ("GroupV2": "v") or a number qualifies the API or the group, not what it groups.
  if (prev.length < 3 || /\d/.test(prev) || verbs.has(prev)) return false;
  for (const c of ['administrative', 'personal-data'] as const)
    if (strongNouns[c].has(prev) || weakNouns[c]?.has(prev) === true) return false;
  return true;
}
