/**
 * The `policy:` block of the dashboard e2e deployments: the agent `bot`'s call to `t_echo` with the message
 * "needs approval" is held for a person (waits 40 s, expires after 2 min); every other call goes through.
 */
export const ECHO_NEEDS_A_PERSON = `policy:
  rules:
    - id: echo-needs-a-person
      effect: hold
      agents: [bot]
      tools: [t_echo]
      when: 'args.message == "needs approval"'
      approval: { wait: 40s, timeout: 2m }`;
