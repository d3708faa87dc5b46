/**
 * The closed set of audit event types. Each type is owned by one module (the only module that emits it)
 * and documented in docs/audit-events.md; a completeness test keeps the two in step.
 * Names are past tense with dots: `<subject>.<verb-in-past-tense>`.
 */
export const auditEventTypes = {
  'tool.call.requested': {
    owner: 'pipeline',
    description: 'Intent: an authorized call is about to be sent to its backend. Durably written before the call.',
  },
  'tool.call.completed': {
    owner: 'pipeline',
    description: 'Outcome: the backend returned a result (including a tool-level error result).',
  },
  'tool.call.failed': {
    owner: 'pipeline',
    description: 'Outcome: the call failed at the gateway or backend (unavailable, timeout, transport error).',
  },
  'tool.call.interrupted': {
    owner: 'gateway',
    description:
      'Outcome written for a call whose gateway stopped (crash, kill -9, power loss) after its intent and before its outcome: the result is unknown, the call is not run again. Written by the next gateway on the store to see that process dead. detail: instance (of the stopped process), intentSeq.',
  },
  'tool.call.denied': {
    owner: 'pipeline',
    description: 'The call was refused before reaching the backend (policy, validation, limits, approval).',
  },
  'mcp.request.requested': {
    owner: 'pipeline',
    description:
      'Intent: an authorized resources/read, resources/subscribe, resources/unsubscribe, prompts/get or completion/complete is about to be forwarded. Durably written first. detail: method, target.',
  },
  'mcp.request.completed': {
    owner: 'pipeline',
    description: 'Outcome: the upstream answered a forwarded request. detail: method, target.',
  },
  'mcp.request.failed': {
    owner: 'pipeline',
    description:
      "Outcome: a forwarded request failed at the gateway or upstream, or was called off before reaching it (cancelled; also the gateway's own subscription release at an upstream a reload removed, decision allow, with no intent: nothing is sent). detail: method, target.",
  },
  'mcp.request.interrupted': {
    owner: 'gateway',
    description:
      'As tool.call.interrupted, for a forwarded resources, prompts or completion request. detail: instance, intentSeq, method, target.',
  },
  'mcp.request.denied': {
    owner: 'pipeline',
    description:
      'A resources, prompts or completion request was refused before reaching the upstream (policy, unknown or non-normalising URI). detail: method, target.',
  },
  'resource.update.refused': {
    owner: 'front',
    description:
      'An upstream resource update was not delivered to a subscriber: policy no longer lets it read the resource, or its credential lapsed (then its session or stream ended). Once per subscriber and resource until allowed again. detail: method, target.',
  },
  'tools.listed': {
    owner: 'front',
    description: 'An agent listed its tools; detail carries the number of visible tools.',
  },
  'resources.listed': {
    owner: 'pipeline',
    description:
      'An agent listed resources or resource templates (answered by the upstreams, filtered by policy). detail: method, visible.',
  },
  'prompts.listed': {
    owner: 'pipeline',
    description: 'An agent listed prompts (answered by the upstreams, filtered by policy). detail: method, visible.',
  },
  'auth.failed': {
    owner: 'authn',
    description: 'A request failed authentication (missing, invalid, expired or revoked credential).',
  },
  'auth.throttled': {
    owner: 'limits',
    description:
      'A source address spent its failed-authentication budget; its requests get 429 until the budget refills.',
  },
  'backend.circuit.opened': {
    owner: 'limits',
    description: "A backend's circuit breaker opened (consecutive failures or failure rate); its calls fail fast.",
  },
  'backend.circuit.probed': {
    owner: 'limits',
    description: 'An open circuit breaker went half-open: a few probe calls are let through to the backend.',
  },
  'backend.circuit.closed': {
    owner: 'limits',
    description: 'A circuit breaker closed again after its probe calls succeeded (or was disabled by config).',
  },
  'tool.quarantined': {
    owner: 'risk',
    description:
      'A tool was hidden because its definition changed from its pinned hash, its upstream signature failed, or a poisoning scan flagged it. detail: hash, previousHash, changes (pins).',
  },
  'tool.pinned': {
    owner: 'pins',
    description:
      'A tool definition was seen for the first time and pinned (trust on first use). detail: kind, hash (SHA-256 of the canonical definition).',
  },
  'tool.accepted': {
    owner: 'pins',
    description:
      'An administrator accepted the changed definition of a quarantined tool; it is served again. detail: hash, previousHash, changes; reasons: the reason given.',
  },
  'tool.restored': {
    owner: 'pins',
    description:
      'A quarantined tool was released because its backend offers the accepted definition again. detail: hash.',
  },
  'signing.key.rotated': {
    owner: 'pins',
    description:
      'The key served tool and prompt definitions are signed with changed. detail: kid (the new key), previousKid (retired, still published for pins.signing.retiredKeyDays).',
  },
  'prompt.pinned': {
    owner: 'pins',
    description: 'A prompt definition was seen for the first time and pinned (trust on first use). detail: hash.',
  },
  'prompt.quarantined': {
    owner: 'pins',
    description:
      'A prompt was withheld because its definition changed from its pinned hash. detail: hash, previousHash, changes.',
  },
  'prompt.accepted': {
    owner: 'pins',
    description: 'An administrator accepted the changed definition of a quarantined prompt. detail: hash, changes.',
  },
  'prompt.restored': {
    owner: 'pins',
    description: 'A quarantined prompt was released because its upstream offers the accepted definition again.',
  },
  'config.reloaded': { owner: 'config', description: 'A new configuration was validated and applied.' },
  'config.reload.failed': {
    owner: 'config',
    description:
      'A configuration change was rejected; the previous configuration stays active. detail: trigger; stage apply when a valid file could not be applied.',
  },
  'admin.action.performed': {
    owner: 'http',
    description:
      'A person used the admin API (reads included) or changed a user key with the CLI; detail names the request or action and how the person signed in (via dashboard-session, api or cli; signIn user-key, oidc, oauth-token or mtls; the keyId of a user key, never a secret).',
  },
  'session.started': {
    owner: 'dashboard',
    description: 'A person signed in to the dashboard; detail names the sign-in method and credential id.',
  },
  'session.ended': { owner: 'dashboard', description: 'A person signed out of the dashboard.' },
  'agent.created': { owner: 'authn', description: 'A new agent identity was registered.' },
  'agent.key.rotated': {
    owner: 'authn',
    description: "An agent's credential was replaced; the record carries the new credential id, never the secret.",
  },
  'agent.revoked': { owner: 'authn', description: 'An agent identity or credential was revoked.' },
  'approval.requested': {
    owner: 'approval',
    description:
      'A call was held for human approval (approvalId; arguments redacted). detail: argsDigest, policyVersion, quorum, groups, approvers, expiresAt.',
  },
  'approval.approved': {
    owner: 'approval',
    description:
      'A person approved a held call. detail: by, comment, status (approved once the quorum and every group are met, else still pending).',
  },
  'approval.denied': { owner: 'approval', description: 'A person denied a held call. detail: by, comment.' },
  'approval.expired': {
    owner: 'approval',
    description:
      'A held call timed out without a decision and was denied (fail closed), or an approved call was not executed in time. detail: was.',
  },
  'approval.executed': {
    owner: 'approval',
    description:
      'An approved call ran (once); resultStatus: ok, tool_error, failed, or interrupted (the gateway stopped while it ran; never run again).',
  },
  'secret.accessed': {
    owner: 'vault',
    description:
      'A ${secret:NAME} reference was resolved on the outbound path: first use at once, then one counted record per name per minute. detail: name, provider, count, from, to; never the value.',
  },
  'secret.changed': {
    owner: 'vault',
    description: 'A vault secret was created, updated or deleted (the value is never recorded).',
  },
  'secret.leak.redacted': {
    owner: 'vault',
    description:
      'A live secret value (plain, base64, base64url, hex or URL-encoded) was found in a backend response or error and replaced before the agent saw it. detail: where, encodings, count; never the value.',
  },
  'vault.key.rotated': {
    owner: 'vault',
    description: 'Every vault data key was re-wrapped under a new master key; detail: new and retired key ids, count.',
  },
  'notification.delivered': {
    owner: 'notify',
    description:
      'An outgoing notification (webhook or Slack channel) was accepted by its receiver. detail: channel, kind, id, delivery, attempts.',
  },
  'notification.failed': {
    owner: 'notify',
    description:
      'An outgoing notification was given up after its last attempt (or refused at once: unknown channel, unresolved secret, permanent HTTP status). detail: channel, kind, id, delivery, attempts, reason; never the URL or secret.',
  },
  'report.score.recorded': {
    owner: 'report',
    description:
      "The security score is stored in the history (a running gateway's recorder, portcullis report, or POST /api/v1/report/history): written before the store, which runs only once it is; a second record for the same score with resultStatus failed (error) or not_stored says the store then did not keep it. detail: at, score, grade, via, everyMinutes (recorder).",
  },
  'audit.gap.recorded': {
    owner: 'audit',
    description:
      'Events could not be written while the store was down (refused calls in closed mode, all events in open mode); they follow this record from the outage spool. detail: spooled, missed (counted only: spool full), from, to, types.',
  },
  'audit.checkpoint.created': {
    owner: 'audit',
    description: 'A signed checkpoint: the record itself is covered by an Ed25519 signature over its seq and hash.',
  },
  'audit.log.reinitialized': {
    owner: 'audit',
    description:
      'An operator started a new, empty log (serve --audit-new-log) where the anchor file showed an earlier one that is gone; detail names its last anchored seq and hash.',
  },
  'audit.retention.applied': {
    owner: 'audit',
    description: 'Records older than the retention policy were pruned up to a signed checkpoint.',
  },
} as const satisfies Record<string, { owner: string; description: string }>;

export type AuditEventType = keyof typeof auditEventTypes;

export function isAuditEventType(value: string): value is AuditEventType {
  return Object.prototype.hasOwnProperty.call(auditEventTypes, value);
}
