// The `limits:` block the limits benchmarks turn on: every kind of rule, with limits no run can reach, so the
// figures measure the bookkeeping and never a refusal.
const BIG = 1_000_000_000;

export const LIMITS_ON = `limits:
  rate:
    - { name: per-agent, limit: ${BIG}, per: second }
    - { name: echo-tools, tools: ["up_e*"], key: agent+tool, limit: ${BIG}, per: second }
    - { name: low-risk, risk: [low, medium, high], key: user, limit: ${BIG}, per: second }
  quotas:
    - { name: bench, daily: ${BIG}, monthly: ${BIG} }
`;
