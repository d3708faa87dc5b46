/**
 * OIDC sign-in to the dashboard (authorization code + PKCE) in Debian's Chromium, at a real OpenID provider
 * (`oidc-provider` on 127.0.0.1) configured as the decision core's `auth.oauth` issuer: each role signs in at the
 * provider's own login and consent screens; roles from the user store decide the pages; an approver signed in this
 * way approves a held call (the waiting MCP client gets its result) and is named in the audit log; an auditor cannot
 * approve; an identity that is no user is turned away; a forged callback signs nobody in; the session survives a
 * restart of the gateway (sessions live in the storage).
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, freePort, PEOPLE, type RunningGateway, serve, startGateway, stdioUpstream } from './harness.js';
import { type DashboardBrowser, screenshot, startDashboardBrowser, type Tab } from './support/browser.js';
import { ECHO_NEEDS_A_PERSON } from './support/dashboard-config.js';
import { ACCOUNTS, startTestIdp, type TestIdp } from './support/oidc.js';

let idp: TestIdp;
let gw: RunningGateway;
let port: number;
let browser: DashboardBrowser;
const extra: ChildProcess[] = [];

// People the test IdP knows (alice is already there): two with roles here, one who is no user of the gateway.
Object.assign(ACCOUNTS, {
  audrey: { email: 'audrey@example.com', groups: ['audit'] },
  pat: { email: 'pat@example.com', groups: ['ops'] },
  mallory: { email: 'mallory@example.com', groups: [] },
});

beforeAll(async () => {
  port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  idp = await startTestIdp({
    resources: [`${base}/mcp`],
    clients: [
      {
        client_id: 'portcullis-dashboard',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [`${base}/auth/oidc/callback`],
      },
    ],
  });
  gw = await startGateway(
    `
upstreams:
${stdioUpstream('t')}
agents:
  bot:
    tools: { allow: ["t_echo"] }
${PEOPLE}
auth:
  oauth:
    issuer: ${idp.issuer}
    audience: ${base}/mcp
dashboard:
  oidc:
    clientId: portcullis-dashboard
${ECHO_NEEDS_A_PERSON}
`,
    { port },
  );
  browser = await startDashboardBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const p of extra) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  await gw?.stop();
  await idp?.close();
});

/** Signs in with single sign-on, through the IdP's own login and consent pages, as a person would. */
async function ssoTab(login: string, viewport?: { width: number; height: number }): Promise<Tab> {
  const t = await browser.open(gw.base, viewport ? { viewport } : {});
  await t.page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
  await t.page.waitForURL(`${idp.issuer}/**`);
  await t.page.locator('input[name=login]').fill(login);
  await t.page.locator('input[name=password]').fill('any');
  await t.page.locator('button[type=submit]').click();
  const consent = t.page.getByRole('button', { name: 'Continue' });
  const back = t.page.waitForURL(`${gw.base}/**`, { timeout: 20_000 });
  await Promise.race([consent.click({ timeout: 20_000 }).catch(() => undefined), back]);
  await back;
  return t;
}

const auditOf = async (type: string) => {
  const r = await fetch(`${gw.base}/api/v1/audit?type=${type}&limit=500`, {
    headers: { authorization: `Bearer ${gw.keys.alice}` },
  });
  return ((await r.json()) as { records: { user?: string; detail?: Record<string, unknown> }[] }).records;
};

describe('OIDC sign-in', () => {
  it('each role signs in at the identity provider; its roles decide the pages', async () => {
    const first = await browser.open(gw.base);
    await first.page.getByRole('link', { name: 'Sign in with single sign-on' }).waitFor();
    await screenshot(first.page, '20-sign-in-sso');

    const admin = await ssoTab('alice');
    await admin.page.locator('#who', { hasText: 'alice' }).waitFor();
    const nav = admin.page.getByRole('navigation', { name: 'Pages' });
    for (const name of ['Overview', 'Approvals', 'Inventory', 'Agents', 'Audit', 'Security'])
      await nav.getByRole('link', { name }).waitFor();
    const cookies = await admin.context.cookies();
    const session = cookies.find((c) => c.name === '__Host-portcullis-session')!;
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    // The sign-in's binding cookie is gone once it is used.
    expect(cookies.find((c) => c.name === '__Host-portcullis-oidc')).toBeUndefined();

    const auditor = await ssoTab('audrey');
    const anav = auditor.page.getByRole('navigation', { name: 'Pages' });
    await anav.getByRole('link', { name: 'Audit' }).waitFor();
    expect(await anav.getByRole('link', { name: 'Agents' }).count()).toBe(0);

    const approver = await ssoTab('pat', { width: 390, height: 844 });
    await approver.page.locator('#who', { hasText: 'pat' }).waitFor();
    expect(await approver.page.getByRole('link', { name: 'Audit' }).count()).toBe(0);

    const started = await auditOf('session.started');
    for (const user of ['alice', 'audrey', 'pat'])
      expect(started).toContainEqual(
        expect.objectContaining({ user, detail: expect.objectContaining({ method: 'oidc', subject: user }) }),
      );
  });

  it('an approver signed in with OIDC approves a held call and the client gets its result; an auditor cannot', async () => {
    const agent = await connectAgent(gw.url, gw.keys.bot);
    const result = agent.callTool({ name: 't_echo', arguments: { message: 'needs approval' } }, { timeout: 60_000 });
    try {
      const auditor = await ssoTab('audrey');
      await auditor.page.getByRole('link', { name: 'Approvals' }).click();
      const acard = auditor.page.getByRole('article').filter({ hasText: 't_echo' });
      await acard.waitFor({ timeout: 20_000 });
      expect(await acard.getByRole('button', { name: 'Approve' }).count()).toBe(0);

      const approver = await ssoTab('pat', { width: 390, height: 844 });
      const card = approver.page.getByRole('article').filter({ hasText: 't_echo' });
      await card.waitFor({ timeout: 20_000 });
      await card.getByLabel('Comment (optional)').fill('checked via SSO');
      await screenshot(approver.page, '21-approvals-sso-phone');
      await card.getByRole('button', { name: 'Approve' }).click();
      const r = (await result) as { content: { text?: string }[]; isError?: boolean };
      expect(r.isError).toBeFalsy();
      expect(r.content[0]?.text).toBe('echo: needs approval');
    } finally {
      await result.catch(() => undefined);
      await agent.close();
    }
    const approved = await auditOf('approval.approved');
    expect(approved).toContainEqual(
      expect.objectContaining({ detail: expect.objectContaining({ by: 'pat', comment: 'checked via SSO' }) }),
    );
    const actions = await auditOf('admin.action.performed');
    expect(actions).toContainEqual(
      expect.objectContaining({
        user: 'pat',
        detail: expect.objectContaining({
          method: 'POST',
          path: expect.stringMatching(/\/approve$/),
          status: 200,
          via: 'dashboard-session',
          signIn: 'oidc',
        }),
      }),
    );
  });

  it('turns away an identity that is no user of the gateway, and a callback this browser did not start', async () => {
    const t = await ssoTab('mallory');
    await t.page.getByRole('alert').filter({ hasText: 'not a user of this gateway' }).waitFor();
    expect(await t.page.locator('#who').count()).toBe(0);
    await screenshot(t.page, '22-sign-in-sso-refused');

    // A callback URL with someone's state and code, opened by another browser: no session.
    const forged = await fetch(`${gw.base}/auth/oidc/callback?state=${'a'.repeat(43)}&code=stolen`, {
      redirect: 'manual',
    });
    expect(forged.status).toBe(303);
    expect(forged.headers.get('location')).toBe('/#signin-error=state-not-bound');
    expect(forged.headers.getSetCookie().some((c) => c.startsWith('__Host-portcullis-session='))).toBe(false);
    // Starting a sign-in sets only the binding cookie (Lax, so it survives the way back from the IdP) and PKCE S256.
    const start = await fetch(`${gw.base}/auth/oidc/login`, { redirect: 'manual' });
    expect(start.status).toBe(303);
    const to = new URL(start.headers.get('location')!);
    expect(to.origin).toBe(idp.issuer);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(to.searchParams.get('redirect_uri')).toBe(`${gw.base}/auth/oidc/callback`);
    const [bind] = start.headers.getSetCookie();
    expect(bind).toMatch(
      /^__Host-portcullis-oidc=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax; Max-Age=600$/,
    );
    // The state is single-use: replaying a used one with its cookie is refused.
    const state = to.searchParams.get('state')!;
    const replay = () =>
      fetch(`${gw.base}/auth/oidc/callback?state=${state}&code=x`, {
        redirect: 'manual',
        headers: { cookie: `__Host-portcullis-oidc=${state}` },
      });
    expect((await replay()).headers.get('location')).toMatch(/^\/#signin-error=(token-refused|bad-callback)$/);
    expect((await replay()).headers.get('location')).toBe('/#signin-error=unknown-state');
  });

  it('the session survives a restart of the gateway (kept in the storage, not in the process)', async () => {
    const admin = await ssoTab('alice');
    await admin.page.locator('#who', { hasText: 'alice' }).waitFor();
    gw.proc.kill('SIGTERM');
    await gw.exited;
    extra.push((await serve(gw.configFile, { cwd: gw.dir, port })).proc);
    await admin.page.reload();
    await admin.page.locator('#who', { hasText: 'alice' }).waitFor();
    await admin.page.getByRole('link', { name: 'Audit' }).click();
    await admin.page.getByRole('button', { name: 'Verify chain' }).click();
    await admin.page.locator('#verify-result', { hasText: 'chain intact' }).waitFor({ timeout: 30_000 });
    // No script error and no CSP violation on any page; the gateway answered nothing unexpected (the IdP's own pages
    // and the restart's refused connections aside).
    for (const t of browser.tabs) {
      expect(t.errors.filter((e) => !/^Failed to load resource: /.test(e))).toEqual([]);
      expect(t.bodies.filter((b) => b.status === 404 || b.status >= 500).map((b) => b.url)).toEqual([]);
    }
  });
});
