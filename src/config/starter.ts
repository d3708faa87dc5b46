/**
 * The commented starter config `portcullis init` writes. It serves nothing until an upstream and an agent
 * permission are added: every example that would reach a tool or the network is commented out.
 */
export function starterConfig(schemaRef: string): string {
  return `# Portcullis gateway configuration. Check it with: portcullis validate --config portcullis.yaml
# Every key is described in the JSON Schema (editors show descriptions on hover) and in docs/configuration.md.
# yaml-language-server: $schema=${schemaRef}

# Where the embedded database, audit signing key and keys live (relative to this file). Keep it private.
dataDir: .portcullis

server:
  # Loopback only by default. To accept other machines, bind 0.0.0.0 and put TLS in front.
  host: 127.0.0.1
  port: 8080

# MCP servers the gateway forwards to. Their tools are served as <server>_<tool>.
upstreams: {}
#  fs:
#    transport: stdio
#    command: npx
#    args: ["@modelcontextprotocol/server-filesystem", "/srv/docs"]
#  github:
#    transport: http
#    url: https://api.githubcopilot.com/mcp/
#    headers:
#      Authorization: Bearer \${GITHUB_TOKEN}   # from the environment; never written here

# HTTP APIs imported from OpenAPI specs (one tool per operation): portcullis import openapi SPEC --name NAME
openapi: {}
#  billing:
#    spec: ./specs/billing.yaml
#    include: ["tag:invoices"]
#    auth:
#      bearerAuth: { credential: BILLING_API_TOKEN }   # environment variable; agents never see it

# Agents (AI clients). Create a key with: portcullis agents create assistant --config portcullis.yaml
# Permissions are globs over tool names; default deny, and deny beats allow.
agents:
  assistant:
    description: Example agent; it may use no tool until you allow some
    tools:
      allow: []    # e.g. ["fs_read_*", "fs_list_*"]
      deny: []

# People who use the REST API at /api/v1: portcullis users create alice --config portcullis.yaml
users: {}
#  alice: { roles: [admin] }   # admin | auditor | approver

# Tamper-evident audit log. Defaults: signed checkpoints, redaction on, fail closed (no audit, no call).
audit: {}
#  sinks:
#    - { type: file, path: ./audit.jsonl }
`;
}
