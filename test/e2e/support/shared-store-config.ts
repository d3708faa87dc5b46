import { stdioUpstream } from '../harness.js';

/**
 * The config of gateway replicas sharing one store (`storage`: a PostgreSQL URL): the test upstream as `t`, and each
 * of `agents` allowed `t_echo` only.
 */
export function sharedStoreConfig(storage: string, agents: readonly string[]): string {
  return `storage: ${storage}
upstreams:
${stdioUpstream('t')}
agents:
${agents.map((a) => `  ${a}: { tools: { allow: ["t_echo"] } }`).join('\n')}
`;
}
