import { isIP } from 'node:net';
import { ageDays } from '../snapshot.js';
import { evidence, plural, type CheckDef } from '../context.js';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);
const isLoopback = (host: string) => LOOPBACK_NAMES.has(host) || (isIP(host) === 4 && host.startsWith('127.'));

export const authenticationChecks: CheckDef[] = [
  {
    id: 'authentication.sso',
    area: 'authentication',
    title: 'Agents and people sign in through SSO / OAuth',
    weight: 3,
    inspected: ['config: auth.oauth', 'config: auth.mtls'],
    remediation:
      'Configure auth.oauth with your identity provider (issuer, audience, clients → agents) so tokens are issued, scoped and revoked centrally (docs/authentication.md).',
    run: ({ s }) => {
      const { oauth, mtls } = s.config.auth;
      if (oauth)
        return {
          status: 'pass',
          evidence: evidence(
            `OAuth 2.1 bearer tokens from ${oauth.issuer} (${plural(Object.keys(oauth.clients).length, 'client')} mapped to agents${oauth.defaultAgent ? `, others as ${oauth.defaultAgent}` : ''})`,
            Object.entries(oauth.clients).map(([c, a]) => `${c} → ${a}`),
          ),
        };
      if (mtls)
        return {
          status: 'warn',
          evidence: evidence(
            `no identity provider: agents use client certificates (${plural(mtls.identities.length, 'identity', 'identities')}) and API keys`,
          ),
        };
      return {
        status: 'fail',
        evidence: evidence(
          'no identity provider configured (auth.oauth absent): agents authenticate with API keys only',
        ),
      };
    },
  },
  {
    id: 'authentication.user-identity',
    area: 'authentication',
    title: 'The user an agent acts for is identified on every call',
    weight: 2,
    inspected: ['config: auth.oauth.claims', 'audit log: tool.call.requested (user)'],
    remediation:
      'Have agents present user-bound OAuth tokens (auth.oauth, claims.user) so each call names the person it is made for; forward it to APIs with openapi.<name>.onBehalfOf.',
    run: ({ s }) => {
      const calls = 'error' in s.audit ? undefined : s.audit;
      const share = calls ? `; ${calls.callsWithUser} of ${calls.toolCalls} tool calls in the window named a user` : '';
      if (!s.config.auth.oauth)
        return {
          status: 'fail',
          evidence: evidence(`no user-bound tokens (auth.oauth absent): calls carry the agent only${share}`),
        };
      if (calls && calls.toolCalls > 0 && calls.callsWithUser === 0)
        return {
          status: 'warn',
          evidence: evidence(`user claim "${s.config.auth.oauth.claims.user}" configured, but ${share.slice(2)}`),
        };
      return {
        status: 'pass',
        evidence: evidence(`users identified from the token claim "${s.config.auth.oauth.claims.user}"${share}`),
      };
    },
  },
  {
    id: 'authentication.transport',
    area: 'authentication',
    title: 'No agent reaches the gateway over plain HTTP on a non-loopback listener',
    weight: 3,
    inspected: ['config: server.host', 'config: server.tls'],
    remediation:
      'Serve HTTPS (server.tls with cert and key) or bind to 127.0.0.1 behind a TLS-terminating proxy on the same host.',
    run: ({ s }) => {
      const { host, port, tls } = s.config.server;
      const where = `${host}:${port}`;
      if (tls)
        return {
          status: 'pass',
          evidence: evidence(`listener ${where} serves HTTPS${tls.clientCa ? ' with client certificates' : ''}`),
        };
      if (isLoopback(host))
        return { status: 'pass', evidence: evidence(`listener ${where} is loopback only (plain HTTP)`) };
      return {
        status: 'fail',
        evidence: evidence(
          `listener ${where} serves plain HTTP beyond this host: keys and tokens travel in clear text`,
        ),
      };
    },
  },
  {
    id: 'authentication.key-age',
    area: 'authentication',
    title: 'API keys are rotated within the allowed age',
    weight: 2,
    inspected: ['store: api keys (agents and people)', 'config: report.keyMaxAgeDays'],
    remediation:
      'Rotate old keys: `portcullis agents rotate NAME` / `portcullis users create NAME` (rotation revokes the old key).',
    run: ({ s, thresholds }) => {
      const active = s.keys.filter((k) => !k.revokedAt);
      if (active.length === 0) return { status: 'not_applicable', evidence: evidence('no active API keys') };
      const old = active.filter((k) => ageDays(s.now, k.createdAt) > thresholds.keyMaxAgeDays);
      const items = old.map((k) => `${k.kind} ${k.agent}: key ${k.id} is ${ageDays(s.now, k.createdAt)} days old`);
      return old.length > 0
        ? {
            status: 'fail',
            evidence: evidence(
              `${plural(old.length, 'active key')} of ${active.length} older than ${thresholds.keyMaxAgeDays} days`,
              items,
              { active: active.length, old: old.length },
            ),
          }
        : {
            status: 'pass',
            evidence: evidence(
              `all ${plural(active.length, 'active key')} younger than ${thresholds.keyMaxAgeDays} days`,
              undefined,
              {
                active: active.length,
              },
            ),
          };
    },
  },
  {
    id: 'authentication.unused-keys',
    area: 'authentication',
    title: 'No unused or orphaned API keys',
    weight: 1,
    inspected: [
      'store: api keys (agents and people)',
      'config: agents, users',
      'audit log: tool.call.requested (agent)',
    ],
    remediation:
      'Revoke keys of agents and people no longer in the config, and of agents that made no call in the window: `portcullis agents revoke NAME`.',
    run: ({ s, thresholds }) => {
      const active = s.keys.filter((k) => !k.revokedAt);
      if (active.length === 0) return { status: 'not_applicable', evidence: evidence('no active API keys') };
      const orphaned = active.filter((k) =>
        k.kind === 'agent' ? !Object.hasOwn(s.config.agents, k.agent) : !Object.hasOwn(s.config.users, k.agent),
      );
      const called = 'error' in s.audit ? undefined : s.audit.calledByAgent;
      const idle = called
        ? active.filter(
            (k) =>
              k.kind === 'agent' &&
              !orphaned.includes(k) &&
              ageDays(s.now, k.createdAt) >= thresholds.windowDays &&
              (called[k.agent]?.length ?? 0) === 0,
          )
        : [];
      const items = [
        ...orphaned.map((k) => `${k.kind} ${k.agent}: key ${k.id} belongs to no configured ${k.kind}`),
        ...idle.map((k) => `agent ${k.agent}: key ${k.id} made no call in ${thresholds.windowDays} days`),
      ];
      const counts = { active: active.length, orphaned: orphaned.length, idle: idle.length };
      if (orphaned.length > 0)
        return {
          status: 'fail',
          evidence: evidence(`${plural(orphaned.length, 'active key')} of removed agents or people`, items, counts),
        };
      if (idle.length > 0)
        return {
          status: 'warn',
          evidence: evidence(
            `${plural(idle.length, 'agent key')} unused for ${thresholds.windowDays} days`,
            items,
            counts,
          ),
        };
      return {
        status: 'pass',
        evidence: evidence(
          `every one of ${plural(active.length, 'active key')} belongs to a configured owner${called ? ' and was used in the window (or is newer than it)' : ''}`,
          undefined,
          counts,
        ),
      };
    },
  },
];
