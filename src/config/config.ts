import { z } from 'zod';
import { openApiBackendConfigSchema } from '../backends/openapi/config.js';
import { riskConfigSchema } from '../risk/overrides.js';
import { auditConfigSchema } from '../audit/config-schema.js';
import { policyConfigSchema } from '../policy/config-schema.js';
import { vaultConfigSchema } from '../vault/config-schema.js';
import { authConfigSchema } from '../authn/config-schema.js';
import { limitsConfigSchema, limitsDefaults } from '../limits/config.js';
import { checkChannelReference, notificationsConfigSchema } from '../notify/config-schema.js';
import { observabilityConfigSchema } from '../observability/config-schema.js';
import { ownersConfigSchema, reportConfigSchema, reportDefaults } from '../report/config-schema.js';
import { backendName, baseConfigShape } from './schema.js';
import { pinsConfigSchema, pinsDefaults } from '../pins/config-schema.js';
import { dashboardConfigSchema, dashboardDefaults } from '../dashboard/config-schema.js';

/** A listen address only this machine reaches (the same set the Host guard treats as loopback). */
const LOOPBACK_HOST = /^(localhost|::1|\[::1\]|127\.\d+\.\d+\.\d+)$/;
const isLoopbackHost = (host: string) => LOOPBACK_HOST.test(host);

/** The name reserved for the gateway's own tools (`portcullis_*`). */
const RESERVED_BACKEND = 'portcullis';

/**
 * The whole-file rules below that the published JSON Schema can state (editors and CI linting see them too). Not
 * stated there, as JSON Schema cannot compare one part of a document with another: references (auth, identities,
 * notification channels, pinned backends) and backend names unique across upstreams and openapi.
 */
const jsonSchemaRules = [
  {
    if: { required: ['dashboard'], properties: { dashboard: { required: ['oidc'] } } },
    then: { required: ['auth'], properties: { auth: { required: ['oauth'] } } },
  },
  {
    if: {
      required: ['server'],
      properties: {
        server: {
          required: ['metrics', 'host'],
          properties: { metrics: { const: true }, host: { not: { pattern: LOOPBACK_HOST.source } } },
          not: { required: ['metricsToken'] },
        },
      },
    },
    then: false,
  },
  {
    properties: {
      upstreams: { propertyNames: { not: { const: RESERVED_BACKEND } } },
      openapi: { propertyNames: { not: { const: RESERVED_BACKEND } } },
    },
  },
];

/**
 * The whole `portcullis.yaml` model. Each capability owns its section's schema;
 * this file only composes them.
 */
export const configSchema = z
  .object({
    ...baseConfigShape,
    openapi: z
      .record(backendName, openApiBackendConfigSchema)
      .default({})
      .describe('HTTP APIs imported from OpenAPI specs, served as tools `<name>_<operation>`.'),
    risk: riskConfigSchema
      .default({ overrides: [], accept: [] })
      .describe('Pinned risk assessments and accepted poisoning findings, each with a required reason.'),
    policy: policyConfigSchema
      .default(policyConfigSchema.parse({}))
      .describe(
        'Roles and rules (tool/prompt/resource globs, backend, risk, CEL conditions) on top of per-agent globs.',
      ),
    audit: auditConfigSchema
      .default(auditConfigSchema.parse({}))
      .describe('Tamper-evident audit log: checkpoints, redaction, sinks, retention, fail mode.'),
    vault: vaultConfigSchema
      .default(vaultConfigSchema.parse({}))
      .describe('Where `${secret:NAME}` references resolve (built-in encrypted vault, env, files) and the master key.'),
    auth: authConfigSchema
      .default(authConfigSchema.parse({}))
      .describe('How agents and people authenticate: API keys, OAuth 2.1 bearer tokens, client certificates.'),
    limits: limitsConfigSchema
      .default(limitsDefaults)
      .describe('Rate limits, quotas and the failed-authentication budget per source address.'),
    pins: pinsConfigSchema
      .default(pinsDefaults)
      .describe('Pinned tool and prompt definitions (quarantine on change until accepted).'),
    notifications: notificationsConfigSchema
      .default({ channels: {} })
      .describe('Outgoing notification channels (signed JSON webhooks, Slack-compatible), referred to by name.'),
    observability: observabilityConfigSchema
      .default({ logLevel: 'info' })
      .describe('OpenTelemetry traces (off unless an OTLP endpoint is set) and the JSON log level.'),
    owners: ownersConfigSchema
      .default({})
      .describe('Who owns which tools: tool-name glob → team or person (shown in the security report).'),
    report: reportConfigSchema
      .default(reportDefaults)
      .describe('Security report thresholds (key age, audit window, secret age).'),
    dashboard: dashboardConfigSchema
      .default(dashboardDefaults)
      .describe('The web dashboard at /: OpenID Connect sign-in for people, session lifetimes.'),
  })
  .strict()
  .superRefine((c, ctx) => {
    checkAuthReferences(c, ctx);
    if (c.dashboard.oidc && !c.auth.oauth)
      ctx.addIssue({
        code: 'custom',
        path: ['dashboard', 'oidc'],
        message: 'OIDC sign-in needs auth.oauth (its issuer is the identity provider people sign in at)',
      });
    checkIdentities(c.users, ctx);
    // Metrics name backends and tools: off loopback, only a scraper holding the token may read them.
    if (c.server.metrics && !c.server.metricsToken && !isLoopbackHost(c.server.host))
      ctx.addIssue({
        code: 'custom',
        path: ['server', 'metrics'],
        message: `GET /metrics on ${c.server.host} would be readable by anyone who reaches the port: set server.metricsToken (the scraper sends it as a bearer token) or listen on loopback`,
      });
    // Approval notification channels must exist.
    c.policy.approvals.channels.forEach((ch, i) =>
      checkChannelReference(c.notifications, ch, ['policy', 'approvals', 'channels', i], ctx),
    );
    c.policy.rules.forEach((r, i) =>
      r.approval?.channels?.forEach((ch, j) =>
        checkChannelReference(c.notifications, ch, ['policy', 'rules', i, 'approval', 'channels', j], ctx),
      ),
    );
    // "portcullis_*" names the gateway's own tools (portcullis_approval_status).
    for (const section of ['upstreams', 'openapi'] as const)
      if (Object.hasOwn(c[section], RESERVED_BACKEND))
        ctx.addIssue({
          code: 'custom',
          path: [section, 'portcullis'],
          message: 'the backend name "portcullis" is reserved for the gateway\'s own tools',
        });
    // Upstream and OpenAPI backend names share one namespace: a clash would let one shadow the other.
    for (const name of Object.keys(c.openapi)) {
      if (Object.hasOwn(c.upstreams, name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['openapi', name],
          message: `backend name "${name}" is also used under upstreams; names must be unique`,
        });
      }
    }
    for (const name of Object.keys(c.pins.upstreamKeys))
      if (!Object.hasOwn(c.upstreams, name) && !Object.hasOwn(c.openapi, name))
        ctx.addIssue({
          code: 'custom',
          path: ['pins', 'upstreamKeys', name],
          message: `"${name}" is not a backend under upstreams or openapi`,
        });
  })
  .meta({ allOf: jsonSchemaRules });

export type PortcullisConfig = z.infer<typeof configSchema>;

/**
 * A person's identities (their names at the identity provider) name that person only: never another user's name nor
 * another user's identity, or the self-approval check could not tell who is who.
 */
function checkIdentities(users: Record<string, { identities: string[] }>, ctx: z.RefinementCtx): void {
  const owner = new Map<string, string>(Object.keys(users).map((u) => [u, u]));
  for (const [name, u] of Object.entries(users))
    u.identities.forEach((id, i) => {
      const other = owner.get(id);
      if (other !== undefined && other !== name)
        ctx.addIssue({
          code: 'custom',
          path: ['users', name, 'identities', i],
          message: `"${id}" already names user "${other}"; an identity belongs to one person`,
        });
      else owner.set(id, name);
    });
}

/** Agents named by auth mappings must exist, and mTLS needs the HTTPS listener's client CA. */
function checkAuthReferences(
  c: {
    agents: Record<string, unknown>;
    server: { tls?: { clientCa?: string } };
    auth: z.infer<typeof authConfigSchema>;
  },
  ctx: z.RefinementCtx,
): void {
  const need = (agent: string, path: (string | number)[]) => {
    if (!Object.hasOwn(c.agents, agent))
      ctx.addIssue({ code: 'custom', path, message: `agent "${agent}" is not defined under agents` });
  };
  const { oauth, mtls } = c.auth;
  if (oauth) {
    for (const [client, agent] of Object.entries(oauth.clients)) need(agent, ['auth', 'oauth', 'clients', client]);
    if (oauth.defaultAgent) need(oauth.defaultAgent, ['auth', 'oauth', 'defaultAgent']);
  }
  if (mtls) {
    mtls.identities.forEach((m, i) => need(m.agent, ['auth', 'mtls', 'identities', i, 'agent']));
    if (!c.server.tls?.clientCa)
      ctx.addIssue({
        code: 'custom',
        path: ['auth', 'mtls'],
        message: 'client certificates need server.tls with clientCa (the CA they must chain to)',
      });
  }
}
