import { fileURLToPath } from 'node:url';

/** The bundled demo config, written next to the demo's data so `portcullis validate` and reload work on it. */
export function demoConfigYaml(port: number): string {
  const upstream = fileURLToPath(new URL('./demo-upstream.js', import.meta.url));
  return `# Portcullis demo config (written by \`portcullis demo\`; edit it and the gateway reloads it).
dataDir: ./data
server:
  host: 127.0.0.1
  port: ${port}
upstreams:
  helpdesk:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(upstream)}]
agents:
  # Reads tickets only.
  support-bot:
    description: Answers customer questions; may only read tickets.
    tools:
      allow: ["helpdesk_list_tickets", "helpdesk_get_ticket"]
    resources:
      allow: ["helpdesk:*"]
  # Works tickets, but may never delete one.
  ops-agent:
    description: Triage agent; may open and close tickets.
    tools:
      allow: ["helpdesk_*"]
      deny: ["helpdesk_delete_*"]
    prompts:
      allow: ["helpdesk_*"]
    resources:
      allow: ["helpdesk:*"]
`;
}
