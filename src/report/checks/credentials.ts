import { ageDays } from '../snapshot.js';
import { evidence, plural, type CheckDef } from '../context.js';

const SECRET_NAME = /token|key|secret|passw|pwd|credential|auth|cookie|session/i;
const SECRET_REF = /\$\{secret:[^}]+\}/;
const ENV_REF = /\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type Where = 'vault' | 'env' | 'plain';
export interface CredentialUse {
  path: string;
  where: Where;
  secret?: string;
}

const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

function classify(value: unknown, envNameAllowed: boolean): Where | undefined {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  if (SECRET_REF.test(value)) return 'vault';
  if (ENV_REF.test(value) || (envNameAllowed && ENV_NAME.test(value))) return 'env';
  return 'plain';
}

/** Every credential-bearing value of the raw (uninterpolated) config, and where its value comes from. */
export function credentialUses(raw: unknown): CredentialUse[] {
  const out: CredentialUse[] = [];
  const add = (path: string, value: unknown, envNameAllowed = false) => {
    const where = classify(value, envNameAllowed);
    if (!where) return;
    const secret = typeof value === 'string' ? /\$\{secret:([^}]+)\}/.exec(value)?.[1] : undefined;
    out.push({ path, where, ...(secret ? { secret } : {}) });
  };
  const doc = obj(raw);
  for (const [name, u] of Object.entries(obj(doc.upstreams))) {
    for (const [h, v] of Object.entries(obj(obj(u).headers)))
      if (SECRET_NAME.test(h)) add(`upstreams.${name}.headers.${h}`, v);
    for (const [e, v] of Object.entries(obj(obj(u).env))) if (SECRET_NAME.test(e)) add(`upstreams.${name}.env.${e}`, v);
  }
  for (const [name, b] of Object.entries(obj(doc.openapi))) {
    for (const [scheme, a] of Object.entries(obj(obj(b).auth)))
      add(`openapi.${name}.auth.${scheme}.credential`, obj(a).credential, true);
    const te = obj(obj(obj(b).onBehalfOf).tokenExchange);
    add(`openapi.${name}.onBehalfOf.tokenExchange.clientSecret`, te.clientSecret);
  }
  add('auth.oauth.introspection.clientSecret', obj(obj(obj(doc.auth).oauth).introspection).clientSecret);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

export const credentialChecks: CheckDef[] = [
  {
    id: 'credentials.vault',
    area: 'credentials',
    title: 'Backend credentials come from the vault, not from plain config or the environment',
    weight: 3,
    inspected: ['config (raw): upstreams.*.headers, upstreams.*.env, openapi.*.auth, client secrets'],
    remediation:
      'Store each credential with `portcullis secrets set NAME` and reference it as ${secret:NAME}; remove literal values and ${ENV} references from the config.',
    run: ({ s }) => {
      const uses = credentialUses(s.rawConfig);
      if (uses.length === 0)
        return { status: 'not_applicable', evidence: evidence('no backend credential in the config') };
      const counts = {
        credentials: uses.length,
        vault: uses.filter((u) => u.where === 'vault').length,
        env: uses.filter((u) => u.where === 'env').length,
        plain: uses.filter((u) => u.where === 'plain').length,
      };
      const items = uses.map(
        (u) =>
          `${u.path}: ${u.where === 'vault' ? `vault (${u.secret})` : u.where === 'env' ? 'environment variable' : 'literal value in the config'}`,
      );
      if (counts.plain > 0)
        return {
          status: 'fail',
          evidence: evidence(`${plural(counts.plain, 'credential')} written in the config file`, items, counts),
        };
      if (counts.env > 0)
        return {
          status: 'warn',
          evidence: evidence(
            `${plural(counts.env, 'credential')} from environment variables (readable by anything in the process tree)`,
            items,
            counts,
          ),
        };
      return {
        status: 'pass',
        evidence: evidence(`all ${plural(uses.length, 'credential')} are vault references`, items, counts),
      };
    },
  },
  {
    id: 'credentials.echo',
    area: 'credentials',
    title: 'No backend echoes a secret back towards agents',
    weight: 2,
    inspected: ['audit log: secret.leak.redacted'],
    remediation:
      'Each finding was redacted before the agent saw it, but the backend returns a credential in its answers: fix the backend, or rotate the secret if the redaction could have missed an encoding.',
    run: ({ s, thresholds }) => {
      if ('error' in s.audit)
        return { status: 'fail', evidence: evidence(`the audit log could not be read: ${s.audit.error}`) };
      const l = s.audit.leaks;
      return l.count > 0
        ? {
            status: 'warn',
            evidence: evidence(`${plural(l.count, 'secret echo')} redacted in ${thresholds.windowDays} days`, l.where, {
              echoes: l.count,
            }),
          }
        : {
            status: 'pass',
            evidence: evidence(`no secret echo in ${thresholds.windowDays} days`, undefined, { echoes: 0 }),
          };
    },
  },
  {
    id: 'credentials.rotation',
    area: 'credentials',
    title: 'Vault secrets are rotated',
    weight: 2,
    inspected: [
      'vault: secret metadata (versions, update times; never values)',
      'config: vault.provider',
      'config (raw): ${secret:…} references',
      'config: report.secretMaxAgeDays',
    ],
    remediation:
      'Rotate old secrets at their issuer, then `portcullis secrets rotate NAME` (the gateway picks the new version up without a restart).',
    run: ({ s, thresholds }) => {
      if (s.config.vault.provider !== 'vault')
        return {
          status: 'warn',
          evidence: evidence(
            `secrets come from the ${s.config.vault.provider} provider: Portcullis cannot see when they were rotated`,
          ),
        };
      const secrets = s.secrets;
      if (secrets === undefined || 'error' in secrets)
        return {
          status: 'fail',
          evidence: evidence(`the vault's metadata could not be read${secrets ? `: ${secrets.error}` : ''}`),
        };
      const referenced = [...new Set(credentialUses(s.rawConfig).flatMap((u) => (u.secret ? [u.secret] : [])))];
      const missing = referenced.filter((n) => !secrets.some((x) => x.name === n));
      if (secrets.length === 0 && referenced.length === 0)
        return {
          status: 'not_applicable',
          evidence: evidence('the vault holds no secret and the config references none'),
        };
      const old = secrets.filter((x) => ageDays(s.now, x.updatedAt) > thresholds.secretMaxAgeDays);
      const items = [
        ...secrets.map((x) => `${x.name}: version ${x.version}, last set ${ageDays(s.now, x.updatedAt)} days ago`),
        ...missing.map((n) => `${n}: referenced by the config, not in the vault`),
      ];
      const counts = {
        secrets: secrets.length,
        old: old.length,
        rotated: secrets.filter((x) => x.version > 1).length,
        missing: missing.length,
      };
      if (missing.length > 0)
        return {
          status: 'fail',
          evidence: evidence(`${plural(missing.length, 'referenced secret')} missing from the vault`, items, counts),
        };
      return old.length > 0
        ? {
            status: 'fail',
            evidence: evidence(
              `${plural(old.length, 'secret')} not rotated in ${thresholds.secretMaxAgeDays} days`,
              items,
              counts,
            ),
          }
        : {
            status: 'pass',
            evidence: evidence(
              `all ${plural(secrets.length, 'secret')} set within ${thresholds.secretMaxAgeDays} days`,
              items,
              counts,
            ),
          };
    },
  },
];
