/**
 * Red team (stored XSS): an upstream's tool description and an agent's call arguments carry markup and script, and
 * reach the pages of an administrator (inventory, with the poisoning findings quoting the description) and of an
 * approver (the held call's arguments), in Debian's Chromium. Nothing of it may run or become an element.
 */
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, eventually, type RunningGateway, startGateway, stdioUpstream } from './harness.js';
import { type DashboardBrowser, startDashboardBrowser, type Tab } from './support/browser.js';

const PAYLOAD =
  '<img src=x onerror="document.title=\'pwned-args\'"><script>document.title="pwned-args"</script>' +
  '<a href="javascript:document.title=\'pwned-args\'">click</a>';

let gw: RunningGateway;
let browser: DashboardBrowser;
let agent: Client;

beforeAll(async () => {
  gw = await startGateway(`
upstreams:
${stdioUpstream('x', 'xss-upstream.mjs')}
agents:
  bot:
    tools: { allow: ["x_*"] }
users:
  alice: { roles: [admin] }
  pat: { roles: [approver] }
policy:
  rules:
    - id: save-needs-a-person
      effect: hold
      agents: [bot]
      tools: [x_save]
      approval: { wait: 40s, timeout: 2m }
`);
  browser = await startDashboardBrowser();
  agent = await connectAgent(gw.url, gw.keys.bot);
}, 60_000);

afterAll(async () => {
  await agent?.close();
  await browser?.close();
  await gw?.stop();
});

/** Nothing the attacker wrote ran or became markup: no changed title, no injected element, no script error. */
async function expectInert(t: Tab): Promise<void> {
  expect(await t.page.title()).not.toMatch(/pwned/);
  expect(await t.page.locator('img[src="x"], a[href^="javascript:"]').count()).toBe(0);
  expect(t.errors.filter((e) => !/status of 40[13]/.test(e))).toEqual([]);
}

describe('red team: markup from upstreams and agents on the dashboard', () => {
  it("an approver sees a held call's arguments as text", async () => {
    const held = agent.callTool({ name: 'x_save', arguments: { note: PAYLOAD } }, { timeout: 60_000 });
    try {
      const t = await browser.open(gw.base, { signInAs: { key: gw.keys.pat!, user: 'pat' } });
      await t.page.getByRole('link', { name: 'Approvals' }).click();
      const args = t.page.locator('pre.json', { hasText: 'onerror' });
      await eventually(async () => {
        await t.page.reload();
        await args.first().waitFor({ timeout: 5_000 });
        return true;
      }, 30_000);
      expect(await args.first().textContent()).toContain('<script>document.title=\\"pwned-args\\"</script>');
      await expectInert(t);
      await t.page.getByRole('button', { name: 'Deny' }).first().click();
    } finally {
      await held.catch(() => undefined);
    }
  });

  it("an administrator sees an upstream's tool description (quoted by the poisoning findings) as text", async () => {
    const t = await browser.open(gw.base, { signInAs: { key: gw.keys.alice!, user: 'alice' } });
    await t.page.getByRole('link', { name: 'Inventory' }).click();
    const row = t.page.locator('tr', { hasText: 'x_render' });
    await row.waitFor();
    await row.locator('details summary').click();
    await row.locator('details li').first().waitFor();
    await expectInert(t);
    // The finding quotes the decoded hidden text: the attacker's markup is on the page, as text.
    await row.locator('details li', { hasText: 'hidden text: "<img src=x onerror=' }).waitFor();
  });
});
