import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../harness.js';

/**
 * Debian's Chromium (installed by .ci/run; the test runner's browser download is never used). Tests fail, never
 * skip, when it is missing.
 */
export const CHROMIUM = process.env.PORTCULLIS_CHROMIUM ?? '/usr/bin/chromium';

/** Screenshots are CI artifacts: under .test-output (ignored by git, copied back by .ci/run), never committed. */
export const SCREENSHOTS = join(ROOT, '.test-output', 'dashboard-screenshots');

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Running as root in CI containers: Chromium's sandbox needs user namespaces we do not have there.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Bodies of every response the page received from the gateway (for the no-secrets check). */
  bodies: { url: string; status: number; body: string }[];
  /** Console errors, CSP violations included. */
  errors: string[];
  /** Responses whose body could not be read. */
  unread: string[];
  close(): Promise<void>;
}

export async function openTab(
  browser: Browser,
  base: string,
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<Tab> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const bodies: Tab['bodies'] = [];
  const errors: string[] = [];
  const pending: Promise<void>[] = [];
  const unread: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => {
    if (!r.url().startsWith(base)) return;
    const url = r.url();
    let timer: NodeJS.Timeout | undefined;
    pending.push(
      Promise.race([
        r.text().then(
          (body) => void bodies.push({ url, status: r.status(), body }),
          // A body the page dropped (a navigation away) cannot be read; a redirect has none.
          () => undefined,
        ),
        new Promise<void>((res) => {
          timer = setTimeout(() => {
            unread.push(url);
            res();
          }, 5000);
        }),
      ]).finally(() => clearTimeout(timer)),
    );
  });
  await page.goto(`${base}/`);
  return {
    context,
    page,
    bodies,
    errors,
    unread,
    async close() {
      await Promise.all(pending);
      await context.close();
    },
  };
}

/** A browser for one test file and every tab opened in it; `close()` closes the tabs, then the browser. */
export interface DashboardBrowser {
  /** Every tab opened so far, in order (for checks over all of them). */
  tabs: Tab[];
  /** Opens the dashboard at `base` in a fresh context, signed in with a user API key when `signInAs` is given. */
  open(
    base: string,
    opts?: { viewport?: { width: number; height: number }; signInAs?: { key: string; user: string } },
  ): Promise<Tab>;
  close(): Promise<void>;
}

export async function startDashboardBrowser(): Promise<DashboardBrowser> {
  const browser = await launchBrowser();
  const tabs: Tab[] = [];
  return {
    tabs,
    async open(base, opts = {}) {
      const t = await openTab(browser, base, opts.viewport);
      tabs.push(t);
      if (opts.signInAs) await signIn(t, opts.signInAs.key, opts.signInAs.user);
      return t;
    },
    async close() {
      for (const t of tabs) await t.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/** Signs in on the dashboard's sign-in form with a user API key and waits for the signed-in header. */
export async function signIn(tab: Tab, key: string, user: string): Promise<void> {
  await tab.page.getByLabel('Your API key').fill(key);
  await tab.page.getByRole('button', { name: 'Sign in' }).click();
  await tab.page.locator('#who', { hasText: user }).waitFor({ timeout: 15_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
