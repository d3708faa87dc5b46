import type { Migration } from './plan.js';

const tables = (json: string) => `
  CREATE TABLE IF NOT EXISTS approvals (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    tool TEXT NOT NULL,
    backend TEXT NOT NULL,
    agent TEXT NOT NULL,
    user_id TEXT,
    args_digest TEXT NOT NULL,
    call_arguments ${json} NOT NULL,
    display_arguments ${json} NOT NULL,
    risk ${json} NOT NULL,
    rule TEXT NOT NULL,
    policy_version TEXT NOT NULL,
    requirement ${json} NOT NULL,
    request_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    decided_at TEXT,
    executing_at TEXT,
    executed_at TEXT,
    outcome TEXT
  );
  CREATE INDEX IF NOT EXISTS approvals_status ON approvals(status, created_at);
  CREATE INDEX IF NOT EXISTS approvals_binding ON approvals(agent, tool, args_digest);
  CREATE TABLE IF NOT EXISTS approval_decisions (
    approval_id TEXT NOT NULL REFERENCES approvals(id) ON DELETE CASCADE,
    by_user TEXT NOT NULL,
    decision TEXT NOT NULL,
    comment TEXT,
    groups_json TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (approval_id, by_user)
  );
`;

/**
 * Approval requests (issue 9): one row per held call, bound to agent, user, tool, argument digest and policy
 * version; decisions keyed by (approval, person) so that a person counts once. Versions 10-19 are reserved for
 * approvals (see CONTRACTS.md).
 */
export const approvalsMigrations: Migration[] = [
  {
    version: 10,
    name: 'approval requests and decisions',
    sqlite: tables('TEXT'),
    postgres: tables('TEXT'),
  },
  {
    // The requester's identifiers at the identity provider (token sub and email, JSON): the self-approval check
    // compares them with the approver's, through the configured people.
    version: 11,
    name: 'approval requester identities',
    sqlite: 'ALTER TABLE approvals ADD COLUMN requester_ids TEXT',
    postgres: 'ALTER TABLE approvals ADD COLUMN requester_ids TEXT',
  },
  {
    // Holds cover resources/read and prompts/get too: what a request holds is part of its binding.
    version: 12,
    name: 'approval target kind',
    sqlite: "ALTER TABLE approvals ADD COLUMN target_kind TEXT NOT NULL DEFAULT 'tool'",
    postgres: "ALTER TABLE approvals ADD COLUMN target_kind TEXT NOT NULL DEFAULT 'tool'",
  },
];
