import { z } from 'zod';

/** `dashboard.oidc`: people sign in to the dashboard at the identity provider of `auth.oauth` (code + PKCE). */
export const dashboardOidcSchema = z
  .object({
    clientId: z.string().min(1).describe("The dashboard's client id at the identity provider of auth.oauth"),
    clientSecret: z
      .string()
      .min(1)
      .optional()
      .describe('Its client secret, for a confidential client (use ${secret:NAME}); PKCE is used either way'),
    scopes: z
      .array(z.string().min(1))
      .default(['openid', 'email'])
      .refine((s) => s.includes('openid'), { message: 'must include "openid"' })
      .meta({ contains: { const: 'openid' } })
      .describe('Scopes asked for at sign-in (must include openid)'),
    redirectUri: z
      .url()
      .optional()
      .describe(
        "The callback registered at the identity provider (default: this gateway's own origin + /auth/oidc/callback)",
      ),
  })
  .strict()
  .describe('OpenID Connect sign-in for people (authorization code + PKCE) at the issuer of auth.oauth');

export const dashboardConfigSchema = z
  .object({
    oidc: dashboardOidcSchema.optional(),
    sessions: z
      .object({
        idleMinutes: z.number().int().min(1).max(1440).default(30).describe('A session ends after this idle time'),
        maxHours: z.number().int().min(1).max(168).default(8).describe('A session ends this long after sign-in'),
      })
      .strict()
      .default({ idleMinutes: 30, maxHours: 8 })
      .describe('Session lifetimes (sessions are kept in the storage, shared by every replica)'),
  })
  .strict();

export const dashboardDefaults = { sessions: { idleMinutes: 30, maxHours: 8 } };
export type DashboardConfig = z.infer<typeof dashboardConfigSchema>;
export type DashboardOidcConfig = z.infer<typeof dashboardOidcSchema>;
