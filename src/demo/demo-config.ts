import { fileURLToPath } from 'node:url';

/** The bundled demo config, written next to the demo's data so `portcullis validate` and reload work on it. */
/** One description per demo agent: written into the config and printed by `portcullis demo` from there. */
export const DEMO_AGENT_DESCRIPTIONS = {
  'support-bot': 'Answers customer questions: reads tickets, customers, invoices and refunds; changes nothing.',
  'ops-agent':
    'Triage: opens and closes tickets; reads customers, invoices and refunds, adds customers; refunds up to 500 once finance approves; never deletes, never manages billing users.',
} as const;

/**
 * The spec and the billing API key live in the demo directory (`billing-api.openapi.json`, `secrets/`), so a
 * config that points at them (Claude Desktop's `portcullis stdio`) keeps working after the demo stops.
 */
/** The demo's helpdesk MCP server (a stdio upstream); `portcullis demo` also prints how to scan it. */
export const DEMO_UPSTREAM = fileURLToPath(new URL('./demo-upstream.js', import.meta.url));

export function demoConfigYaml(port: number): string {
  const upstream = DEMO_UPSTREAM;
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
openapi:
  # A small billing API (invoices, refunds, customers, admin users) served locally from its own OpenAPI spec.
  billing:
    spec: ./billing-api.openapi.json
    allowPrivateNetwork: true   # the demo API runs on 127.0.0.1
    auth:
      billingKey:
        credential: \${secret:BILLING_API_KEY}   # read from secrets/BILLING_API_KEY at call time; agents never see it
vault:
  provider: file   # the demo keeps its one backend credential in a file (0600); production: the encrypted vault
  dir: ./secrets
agents:
  support-bot:
    description: ${JSON.stringify(DEMO_AGENT_DESCRIPTIONS['support-bot'])}
    tools:
      allow: ["helpdesk_list_tickets", "helpdesk_get_ticket", "billing_listCustomers", "billing_getCustomer",
              "billing_listInvoices", "billing_getInvoice", "billing_listRefunds"]
    resources:
      allow: ["helpdesk:**"]
  ops-agent:
    description: ${JSON.stringify(DEMO_AGENT_DESCRIPTIONS['ops-agent'])}
    # Sensitive by default: "billing_*" grants the low and medium risk billing tools only. High risk tools
    # (refunds, admin users ...) stay hidden unless named exactly, as billing_createRefund is here.
    tools:
      allow: ["helpdesk_*", "billing_*", "billing_createRefund"]
      deny: ["helpdesk_delete_*", "billing_delete*", "billing_*AdminUser*"]
    prompts:
      allow: ["helpdesk_*"]
    resources:
      allow: ["helpdesk:**"]   # "*" stays within one path segment; "**" crosses segments
users:
  # A person who decides on held calls (portcullis approvals ..., or the REST API /api/v1/approvals).
  demo-approver: { roles: [approver], groups: [finance] }
policy:
  approvals:
    wait: 30s   # a held call waits this long (with progress notifications), then returns its approval id
  rules:
    # Rules add to the per-agent lists above. Deny overrides hold overrides allow; CEL can look at the arguments.
    - id: no-large-refunds
      description: refunds above 500 need a person, not an agent
      effect: deny
      tools: ["billing_createRefund"]
      when: 'has(args.amount) && args.amount > 500.0'
    # Every other refund waits for someone in finance. (Without this rule the default would still hold it:
    # financial, destructive, credential-access and code-execution tools need an approval unless waived.)
    - id: refunds-need-finance
      description: a person in finance approves each refund
      effect: hold
      agents: ["ops-agent"]
      tools: ["billing_createRefund"]
      approval: { approvers: { groups: [finance] }, timeout: 10m }
`;
}
