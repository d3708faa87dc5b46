// e2e-storage: sqlite-only (the verify-and-tamper step edits audit.db directly; the PostgreSQL tamper cases are
// src/storage/postgres/audit-tamper.test.ts)
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, PEOPLE, type RunningGateway, secretOf, startGateway, stdioUpstream } from './harness.js';
import { type DashboardBrowser, screenshot, SCREENSHOTS, startDashboardBrowser, type Tab } from './support/browser.js';
import { ECHO_NEEDS_A_PERSON } from './support/dashboard-config.js';
import { initializeRaw } from './support/raw-mcp.js';

let gw: RunningGateway;
let browser: DashboardBrowser;
/** Keys issued during the run (the rotated one), checked against every response too. */
const issued: string[] = [];

beforeAll(async () => {
  gw = await startGateway(`
upstreams:
${stdioUpstream('t')}
agents:
  bot:
    tools: { allow: ["t_echo"] }
${PEOPLE}
${ECHO_NEEDS_A_PERSON}
`);
  browser = await startDashboardBrowser();
  // One real call, so the overview and the audit page have something to show.
  const c = await connectAgent(gw.url, gw.keys.bot);
  await c.callTool({ name: 't_echo', arguments: { message: 'hello dashboard' } });
  await c.close();
});

afterAll(async () => {
  await browser?.close();
  await gw?.stop();
  process.stdout.write(`dashboard screenshots: ${SCREENSHOTS}\n`);
});

/** A dashboard tab, signed in as `user` (with the user's API key) when given. */
const tab = (user?: string, viewport?: { width: number; height: number }): Promise<Tab> =>
  browser.open(gw.base, {
    ...(viewport ? { viewport } : {}),
    ...(user ? { signInAs: { key: gw.keys[user]!, user } } : {}),
  });

const signInRequest = (key: string, origin: string | null = gw.base) =>
  fetch(`${gw.base}/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
    body: JSON.stringify({ key }),
  });

describe('dashboard: served by the gateway', () => {
  it('serves the page with a strict CSP and no inline script or style', async () => {
    const res = await fetch(`${gw.base}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const js = await fetch(`${gw.base}${asset}`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${gw.base}/../../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${gw.base}/`, { method: 'POST' })).status).toBe(405);
  });

  it('session cookie flags, login CSRF and CSRF tokens on state-changing requests', async () => {
    expect((await signInRequest(gw.keys.alice!, null)).status).toBe(403);
    expect((await signInRequest(gw.keys.alice!, 'http://evil.example')).status).toBe(403);
    expect((await signInRequest(gw.keys.bot!)).status).toBe(401); // an agent key is not a person's
    const ok = await signInRequest(gw.keys.alice!);
    expect(ok.status).toBe(200);
    const setCookie = ok.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^__Host-portcullis-session=[A-Za-z0-9_-]{43};/);
    for (const flag of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/']) expect(setCookie).toContain(flag);
    const { csrfToken } = (await ok.json()) as { csrfToken: string };
    const cookie = setCookie.split(';')[0]!;
    const call = (path: string, method: string, token?: string) =>
      fetch(`${gw.base}${path}`, { method, headers: { cookie, ...(token ? { 'x-csrf-token': token } : {}) } });
    expect((await call('/api/v1/agents', 'GET')).status).toBe(200);
    // State-changing requests with the cookie but without the token (what a cross-site form could send): refused.
    const noToken = await call('/api/v1/audit/verify', 'POST');
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe('request.forbidden');
    expect((await call('/api/v1/audit/verify', 'POST', 'x'.repeat(43))).status).toBe(403);
    expect((await call('/api/v1/agents/bot/keys/revoke', 'POST')).status).toBe(403);
    expect((await call('/api/v1/audit/verify', 'POST', csrfToken)).status).toBe(200);
    expect((await call('/auth/session', 'DELETE')).status).toBe(403);
    expect((await call('/auth/session', 'DELETE', csrfToken)).status).toBe(200);
    expect((await call('/api/v1/agents', 'GET')).status).toBe(401);
    expect(await (await call('/auth/session', 'GET')).json()).toEqual({ signedIn: false });
  });
});

describe('dashboard in Chromium', () => {
  it('signs in as each role and shows only the pages of that role', async () => {
    const signin = await tab();
    await screenshot(signin.page, '00-sign-in');
    const admin = await tab('alice');
    const nav = admin.page.getByRole('navigation', { name: 'Pages' });
    for (const name of ['Overview', 'Inventory', 'Agents', 'Audit'])
      await expect.poll(() => nav.getByRole('link', { name }).count()).toBe(1);
    await admin.page.getByRole('heading', { name: 'Calls per minute by decision (last hour)' }).waitFor();
    await admin.page.locator('figure.chart svg').first().waitFor();
    await screenshot(admin.page, '01-overview');
    await admin.page.getByRole('link', { name: 'Inventory' }).click();
    await admin.page.getByRole('rowheader', { name: 't_echo' }).waitFor();
    await screenshot(admin.page, '02-inventory');

    const auditor = await tab('audrey');
    const anav = auditor.page.getByRole('navigation', { name: 'Pages' });
    await anav.getByRole('link', { name: 'Audit' }).waitFor();
    expect(await anav.getByRole('link', { name: 'Agents' }).count()).toBe(0);
    // The page is hidden, and the API refuses too.
    // Runs in the page (serialised): reads the body too, so every response is complete for the secrets check.
    const status = async (path: string) => {
      const r = await fetch(path);
      await r.text();
      return r.status;
    };
    const refused = await auditor.page.evaluate(status, '/api/v1/agents');
    expect(refused).toBe(403);

    const approver = await tab('pat');
    expect(await approver.page.getByRole('link', { name: 'Audit' }).count()).toBe(0);
    expect(await approver.page.evaluate(status, '/api/v1/audit')).toBe(403);

    await approver.page.getByRole('button', { name: 'Sign out' }).click();
    await approver.page.getByLabel('Your API key').waitFor();
    expect(await approver.page.evaluate(async () => (await fetch('/auth/session')).json())).toEqual({
      signedIn: false,
    });
    expect(admin.errors).toEqual([]);
    // Only the refusals this test asked for (Chromium logs every 4xx); no CSP violation, no script error.
    for (const t of [auditor, approver]) expect(t.errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
  });

  it('an approver approves a held call on a phone-sized screen and the waiting MCP client gets its result; an auditor cannot approve', async () => {
    const agent = await connectAgent(gw.url, gw.keys.bot);
    const result = agent.callTool(
      { name: 't_echo', arguments: { message: 'needs approval' } },
      {
        timeout: 60_000,
      },
    );
    try {
      // The auditor sees the request, without the buttons; the API refuses the decision too (with a valid CSRF token).
      const auditor = await tab('audrey');
      await auditor.page.getByRole('link', { name: 'Approvals' }).click();
      const card = auditor.page.getByRole('article').filter({ hasText: 't_echo' });
      await card.waitFor({ timeout: 20_000 });
      expect(await card.getByRole('button', { name: 'Approve' }).count()).toBe(0);
      const id = /apr_[a-z2-7]{20}/.exec((await card.textContent()) ?? '')![0];
      const refused = await auditor.page.evaluate(async (apr) => {
        const { csrfToken } = (await (await fetch('/auth/session')).json()) as { csrfToken: string };
        const r = await fetch(`/api/v1/approvals/${apr}/approve`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
          body: '{}',
        });
        await r.text();
        return r.status;
      }, id);
      expect(refused).toBe(403);

      const approver = await tab('pat', { width: 390, height: 844 });
      const pcard = approver.page.getByRole('article').filter({ hasText: 't_echo' });
      await pcard.waitFor({ timeout: 20_000 });
      await pcard.getByText('echo-needs-a-person').waitFor();
      await pcard.getByText('0 of 1').waitFor();
      await pcard.getByLabel('Comment (optional)').fill('looked at it');
      await screenshot(approver.page, '07-approvals-phone');
      await pcard.getByRole('button', { name: 'Approve' }).click();
      const r = (await result) as { content: { text?: string }[]; isError?: boolean };
      expect(r.isError).toBeFalsy();
      expect(r.content[0]?.text).toBe('echo: needs approval');
      await approver.page
        .getByRole('row', { name: /t_echo.*pat: approve \(looked at it\)/ })
        .waitFor({ timeout: 20_000 });
      await screenshot(approver.page, '08-approvals-history-phone');
      expect(approver.errors).toEqual([]);
      expect(auditor.errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
    } finally {
      await result.catch(() => undefined);
      await agent.close();
    }
  });

  it('an admin rotates an agent key: the new key is shown once, the old key gets 401', async () => {
    const admin = await tab('alice');
    await admin.page.getByRole('link', { name: 'Agents' }).click();
    const row = admin.page.getByRole('row', { name: /bot/ });
    await row.getByRole('button', { name: 'Rotate' }).click();
    await row.getByRole('button', { name: 'Yes, rotate' }).click();
    const key = (await admin.page.locator('#new-key').textContent())!.trim();
    expect(key).toMatch(/^pcl_[A-Za-z0-9]{12}_/);
    issued.push(key);
    await screenshot(admin.page, '03-agents-key-once');
    const initialize = (k: string) => initializeRaw(gw.url, k);
    expect((await initialize(gw.keys.bot!)).status).toBe(401);
    const c = await connectAgent(gw.url, key);
    expect((await c.listTools()).tools.map((t) => t.name)).toContain('t_echo');
    await c.close();
    // Once dismissed, the key is gone from the page.
    await admin.page.getByRole('button', { name: 'Done' }).click();
    expect(await admin.page.content()).not.toContain(secretOf(key));
    // Explain from the matrix.
    await admin.page.getByRole('button', { name: /^bot t_echo: / }).click();
    await admin.page.getByLabel('Arguments (JSON, optional)').fill('{"message": "needs approval"}');
    await admin.page.getByRole('button', { name: 'Explain' }).click();
    await admin.page
      .locator('.explained', { hasText: 'echo-needs-a-person' })
      .getByText('hold', { exact: true })
      .waitFor();
    await screenshot(admin.page, '04-agents-matrix-explain');
    expect(admin.errors).toEqual([]);
  });

  it('the audit page finds the call; verify passes, and shows the break after the database is tampered with', async () => {
    const auditor = await tab('audrey');
    await auditor.page.getByRole('link', { name: 'Audit' }).click();
    await auditor.page.getByLabel('Tool').fill('t_echo');
    await auditor.page.getByLabel('Event type').fill('tool.call.requested');
    await auditor.page.getByRole('button', { name: 'Search' }).click();
    // Newest first: the first call of the run (the held one came later) is the last row.
    const rows = auditor.page.getByRole('row', { name: /tool\.call\.requested/ });
    await expect.poll(() => rows.count()).toBe(2);
    const row = rows.last();
    const seq = Number(await row.getByRole('button').textContent());
    await row.getByRole('button').click();
    await auditor.page.locator('pre.json', { hasText: 'hello dashboard' }).waitFor();
    await auditor.page.getByRole('button', { name: 'Verify chain' }).click();
    await auditor.page.locator('#verify-result', { hasText: 'chain intact' }).waitFor();
    await screenshot(auditor.page, '05-audit');

    const db = new Database(join(gw.dir, '.portcullis', 'audit.db'));
    try {
      db.prepare(
        `UPDATE audit_records SET body = replace(body, 'hello dashboard', 'hello tamperer') WHERE seq = ?`,
      ).run(seq);
    } finally {
      db.close();
    }
    await auditor.page.getByRole('button', { name: 'Verify chain' }).click();
    await auditor.page.locator('#verify-result', { hasText: 'chain broken' }).waitFor();
    expect(Number(await auditor.page.locator('.break-seq').textContent())).toBe(seq);
    await screenshot(auditor.page, '06-audit-verify-break');
    expect(auditor.errors).toEqual([]);
  });

  it('no secret appears in any page or API response the browser received', async () => {
    for (const t of browser.tabs) await t.close();
    expect(browser.tabs.flatMap((t) => t.unread)).toEqual([]);
    const secrets = [...Object.values(gw.keys), ...issued].map(secretOf);
    const all = browser.tabs.flatMap((t) => t.bodies);
    expect(all.length).toBeGreaterThan(20);
    for (const { url, body } of all) {
      // The one response that carries a key: the rotation that issued it (shown once).
      if (/\/keys\/rotate$/.test(url)) continue;
      for (const s of secrets) expect(body.includes(s), `${url} leaks a key`).toBe(false);
    }
    browser.tabs.length = 0;
  });
});
