/**
 * The dashboard's Security, Inventory (pin review and accept) and Overview (pending approvals) pages in Debian's
 * Chromium against a gateway started by the test, with a real upstream that changes a tool definition; plus the
 * loading, empty and error states and keyboard navigation.
 */
import { readFileSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, eventually, type RunningGateway, secretOf, startGateway, stdioUpstream } from './harness.js';
import { type DashboardBrowser, screenshot, startDashboardBrowser, type Tab } from './support/browser.js';
import { ECHO_NEEDS_A_PERSON } from './support/dashboard-config.js';

let gw: RunningGateway;
let browser: DashboardBrowser;
let agent: Client;

beforeAll(async () => {
  gw = await startGateway(`
upstreams:
${stdioUpstream('t')}
${stdioUpstream('notes', 'pins-upstream.mjs')}
agents:
  bot:
    tools: { allow: ["t_echo", "notes_*"] }
users:
  alice: { roles: [admin] }
  audrey: { roles: [auditor] }
pins:
  refreshMs: 200
${ECHO_NEEDS_A_PERSON}
`);
  browser = await startDashboardBrowser();
  agent = await connectAgent(gw.url, gw.keys.bot);
  await agent.callTool({ name: 't_echo', arguments: { message: 'hello' } });
});

afterAll(async () => {
  await agent?.close();
  await browser?.close();
  await gw?.stop();
});

/** A dashboard tab, signed in as `user` (with the user's API key) when given. */
const tab = (user?: string, viewport?: { width: number; height: number }): Promise<Tab> =>
  browser.open(gw.base, {
    ...(viewport ? { viewport } : {}),
    ...(user ? { signInAs: { key: gw.keys[user]!, user } } : {}),
  });

const api = async <T>(path: string, key: string, init: RequestInit = {}) => {
  const r = await fetch(`${gw.base}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  });
  return { status: r.status, body: (await r.json()) as T };
};
const adminActions = async () =>
  (
    await api<{ records: { user?: string; detail?: { method: string; path: string; status: number } }[] }>(
      '/api/v1/audit?type=admin.action.performed&limit=1000',
      gw.keys.audrey!,
    )
  ).body.records;
const notRefusals = (t: Tab) => [
  ...t.errors.filter((e) => !/status of 40[13]/.test(e)),
  ...t.bodies.filter((b) => b.status >= 400 && b.status !== 401 && b.status !== 403).map((b) => `${b.status} ${b.url}`),
];

describe('Overview', () => {
  it('shows how many calls wait for a person, with a link to the approvals', async () => {
    const admin = await tab('alice');
    await admin.page.locator('#pending-count', { hasText: /^0$/ }).waitFor();
    const held = agent.callTool({ name: 't_echo', arguments: { message: 'needs approval' } }, { timeout: 60_000 });
    try {
      await admin.page.reload();
      await admin.page.locator('#pending-count', { hasText: /^1$/ }).waitFor({ timeout: 20_000 });
      await admin.page.locator('figure.chart svg').first().waitFor();
      await screenshot(admin.page, '10-overview-pending');
      await admin.page.locator('#pending-count').click();
      await admin.page.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor();
      const card = admin.page.getByRole('article').filter({ hasText: 't_echo' });
      await card.getByLabel('Comment (optional)').fill('not today');
      await card.getByRole('button', { name: 'Deny' }).click();
      const r = (await held) as { isError?: boolean };
      expect(r.isError).toBe(true);
    } finally {
      await held.catch(() => undefined);
    }
    expect(notRefusals(admin)).toEqual([]);
  });
});

describe('Inventory: pin state, review and accept', () => {
  it('an admin reviews a quarantined tool, accepts it with a reason, and the agent gets it back', async () => {
    await agent.callTool({
      name: 'notes_mutate',
      arguments: { target: 'read_file', what: 'description', value: 'Read a file, UTF-8 only.' },
    });
    await eventually(async () => !(await agent.listTools()).tools.some((t) => t.name === 'notes_read_file'));

    // An auditor sees the state but has nothing to accept with.
    const auditor = await tab('audrey');
    await auditor.page.getByRole('link', { name: 'Inventory' }).click();
    const arow = auditor.page.getByRole('row', { name: /notes_read_file/ });
    await arow.getByText('quarantined').waitFor();
    expect(await arow.getByRole('button', { name: /Review change/ }).count()).toBe(0);

    const admin = await tab('alice');
    await admin.page.getByRole('link', { name: 'Inventory' }).click();
    await admin.page.getByLabel('Pin').selectOption('quarantined');
    const rows = admin.page.locator('table.inventory tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    const row = admin.page.getByRole('row', { name: /notes_read_file/ });
    await row.getByRole('button', { name: 'Review change of notes_read_file' }).click();
    const review = row.getByRole('group', { name: 'Change of notes_read_file' });
    await review.getByText('/description').waitFor();
    await review.getByText('"Read a file, UTF-8 only."').waitFor();
    await review.getByLabel('Reason for accepting').fill('wording only, reviewed');
    await screenshot(admin.page, '11-inventory-pin-review');
    await review.getByRole('button', { name: 'Accept new definition' }).click();
    await admin.page.getByLabel('Pin').selectOption('');
    await admin.page
      .getByRole('row', { name: /notes_read_file/ })
      .getByText('pinned', { exact: true })
      .waitFor();
    await eventually(async () => (await agent.listTools()).tools.some((t) => t.name === 'notes_read_file'));

    const accepted = await api<{ records: { tool?: string; user?: string }[] }>(
      '/api/v1/audit?type=tool.accepted',
      gw.keys.audrey!,
    );
    expect(accepted.body.records).toContainEqual(expect.objectContaining({ tool: 'notes_read_file', user: 'alice' }));
    expect(await adminActions()).toContainEqual(
      expect.objectContaining({
        user: 'alice',
        detail: expect.objectContaining({
          method: 'POST',
          path: '/api/v1/tools/notes_read_file/accept',
          status: 200,
          via: 'dashboard-session',
          signIn: 'user-key',
        }),
      }),
    );
    expect(notRefusals(admin)).toEqual([]);
  });
});

describe('Security', () => {
  it('shows the score by area, the trend, checks with evidence; an admin acknowledges a finding with a reason and expiry', async () => {
    // A recorded score, so the page has a trend to draw (reading the report records nothing: POST records one).
    expect((await api('/api/v1/report/history', gw.keys.alice!, { method: 'POST' })).status).toBe(201);
    const admin = await tab('alice');
    await admin.page.getByRole('link', { name: 'Security' }).click();
    await admin.page.locator('#score-value').waitFor({ timeout: 30_000 });
    const score = Number(await admin.page.locator('#score-value').textContent());
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(100);
    await admin.page.getByRole('img', { name: /^Score by area: .*authentication \d+/ }).waitFor();
    await admin.page.getByRole('img', { name: /^Score over time: / }).waitFor();

    const report = (
      await api<{ checks: { id: string; status: string; title: string; remediation: string }[] }>(
        '/api/v1/report',
        gw.keys.audrey!,
      )
    ).body;
    const finding = report.checks.find((c) => c.status === 'fail') ?? report.checks.find((c) => c.status === 'warn');
    expect(finding, 'this deployment has a failing or warning check').toBeDefined();
    const item = admin.page.locator(`li[data-check="${finding!.id}"]`);
    if (finding!.status !== 'fail') await item.locator('.check-title').click();
    await item.getByText(finding!.remediation).waitFor();
    await item.getByRole('button', { name: 'Acknowledge' }).click();
    await item.getByLabel('Reason').fill('tracked in TICKET-7');
    await item.getByLabel('Until').fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
    await screenshot(admin.page, '12-security-acknowledge');
    await item.getByRole('button', { name: 'Save acknowledgement' }).click();
    await item.getByText('tracked in TICKET-7', { exact: false }).waitFor({ timeout: 30_000 });
    const acks = await api<{ checkId: string; by: string; reason: string; expiresAt: string }[]>(
      '/api/v1/report/acknowledgements',
      gw.keys.audrey!,
    );
    const ack = acks.body.find((a) => a.checkId === finding!.id)!;
    expect(ack).toMatchObject({ by: 'alice', reason: 'tracked in TICKET-7' });
    expect(Date.parse(ack.expiresAt) - Date.now()).toBeGreaterThan(6 * 86_400_000);
    await screenshot(admin.page, '13-security');

    // Downloads: what the browser saves is the report in each format.
    for (const [format, check] of [
      ['JSON', (b: Buffer) => expect(JSON.parse(b.toString()).score.value).toBeTypeOf('number')],
      ['HTML', (b: Buffer) => expect(b.toString()).toMatch(/^<!doctype html>/i)],
      ['PDF', (b: Buffer) => expect(b.subarray(0, 5).toString()).toBe('%PDF-')],
    ] as const) {
      const [dl] = await Promise.all([
        admin.page.waitForEvent('download', { timeout: 60_000 }),
        admin.page.getByRole('button', { name: `Download ${format}` }).click(),
      ]);
      check(readFileSync(await dl.path()));
    }
    expect(notRefusals(admin)).toEqual([]);
  });

  it('an auditor reads the Security page but cannot acknowledge', async () => {
    const auditor = await tab('audrey');
    await auditor.page.getByRole('link', { name: 'Security' }).click();
    await auditor.page.locator('#score-value').waitFor({ timeout: 30_000 });
    expect(await auditor.page.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    const status = await auditor.page.evaluate(async () => {
      const { csrfToken } = (await (await fetch('/auth/session')).json()) as { csrfToken: string };
      const r = await fetch('/api/v1/report/acknowledgements', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        body: JSON.stringify({ checkId: 'audit.chain', reason: 'x', expiresAt: new Date().toISOString() }),
      });
      await r.text();
      return r.status;
    });
    expect(status).toBe(403);
  });
});

describe('usable: states and keyboard', () => {
  it('shows a loading state, then an error with a retry that recovers, and an empty state', async () => {
    const admin = await tab('alice');
    let fail = true;
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await admin.page.route('**/api/v1/backends', async (route) => {
      await held;
      if (fail)
        await route.fulfill({
          status: 500,
          contentType: 'application/json',
          body: '{"error":{"code":"internal","message":"backend list down"}}',
        });
      else await route.continue();
    });
    await admin.page.reload();
    await admin.page.getByRole('status').filter({ hasText: 'Loading' }).waitFor();
    release();
    const alert = admin.page.getByRole('alert').filter({ hasText: 'backend list down' });
    await alert.waitFor();
    await screenshot(admin.page, '14-overview-error');
    fail = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await admin.page.locator('#pending-count').waitFor();
    await admin.page.unroute('**/api/v1/backends');

    await admin.page.getByRole('link', { name: 'Approvals' }).click();
    await admin.page.getByText('No calls are waiting for approval.').waitFor();
  });

  it('is keyboard navigable: page links reached by Tab, opened with Enter, focus on the new page title', async () => {
    const admin = await tab('alice');
    await expect.poll(() => admin.page.evaluate('document.activeElement?.id')).toBe('page-title');
    // The first thing Tab reaches in the document is the skip link.
    expect(
      await admin.page.evaluate(`document.querySelector('a[href], button, input, select, textarea')?.textContent`),
    ).toBe('Skip to content');
    // From the page title, back through the header to the Security link; Enter opens it.
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await admin.page.keyboard.press('Shift+Tab');
      reached = (await admin.page.evaluate('document.activeElement?.textContent')) === 'Security';
    }
    expect(reached).toBe(true);
    await admin.page.keyboard.press('Enter');
    await admin.page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
    await expect.poll(() => admin.page.evaluate('document.activeElement?.id')).toBe('page-title');
  });

  it('no secret appears in any response the browser received', async () => {
    for (const t of browser.tabs) await t.close();
    const secrets = Object.values(gw.keys).map(secretOf);
    for (const { url, body } of browser.tabs.flatMap((t) => t.bodies))
      for (const s of secrets) expect(body.includes(s), `${url} leaks a key`).toBe(false);
    browser.tabs.length = 0;
  });
});
