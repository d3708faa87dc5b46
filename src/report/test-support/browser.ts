/**
 * Opens a page in headless Chromium over the DevTools protocol (`--remote-debugging-pipe`: NUL-delimited JSON on
 * fds 3 and 4, no port, no library) and reports what a reviewer's browser would: console errors and warnings,
 * uncaught exceptions, log entries (CSP violations land there), and every request the page made.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { findChromium, headlessFlags, stopGroup } from '../pdf.js';

export interface PageVisit {
  /** Console errors/warnings, exceptions and error-level log entries, as text. */
  problems: string[];
  /** URLs the page requested (the page itself included). */
  requests: string[];
  /** Results of the expressions evaluated after load, in order. */
  values: unknown[];
}

type Message = {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: unknown;
  sessionId?: string;
};

export async function visitPage(url: string, expressions: string[] = [], timeoutMs = 30_000): Promise<PageVisit> {
  const browser = findChromium();
  if (!browser) throw new Error('no Chromium installed (apt-get install chromium)');
  const profile = mkdtempSync(join(tmpdir(), 'portcullis-cdp-'));
  const proc: ChildProcess = spawn(browser, [...headlessFlags(profile), '--remote-debugging-pipe', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: the helper processes are stopped with it
  });
  const toBrowser = proc.stdio[3] as Writable;
  const fromBrowser = proc.stdio[4] as Readable;
  const pending = new Map<number, (m: Message) => void>();
  const listeners: ((m: Message) => void)[] = [];
  let buffered = '';
  fromBrowser.on('data', (d: Buffer) => {
    buffered += d.toString('utf8');
    let i: number;
    while ((i = buffered.indexOf('\0')) >= 0) {
      const m = JSON.parse(buffered.slice(0, i)) as Message;
      buffered = buffered.slice(i + 1);
      if (m.id !== undefined) pending.get(m.id)?.(m);
      else for (const l of listeners) l(m);
    }
  });
  let nextId = 1;
  // A browser that exits (crashed, or killed by the timeout below) fails what is pending at once, so the finally
  // below always runs and removes the profile, instead of the visit hanging until the test's own timeout.
  const exited = new Promise<never>((_, reject) =>
    proc.once('exit', (code, signal) => reject(new Error(`Chromium exited (${signal ?? code}) during the visit`))),
  );
  exited.catch(() => undefined); // observed by whoever races it
  toBrowser.on('error', () => undefined); // a write after the browser exited: `exited` reports it
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string) =>
    Promise.race([
      exited,
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, (m) =>
          m.error ? reject(new Error(`${method}: ${JSON.stringify(m.error)}`)) : resolve(m.result ?? {}),
        );
        toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
      }),
    ]);
  const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
  try {
    const visit: PageVisit = { problems: [], requests: [], values: [] };
    const { targetId } = (await send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    let loaded: () => void = () => undefined;
    const load = new Promise<void>((r) => (loaded = r));
    listeners.push((m) => {
      if (m.sessionId !== sessionId) return;
      const p = m.params ?? {};
      if (m.method === 'Runtime.consoleAPICalled' && ['error', 'warning', 'assert'].includes(String(p.type)))
        visit.problems.push(`console.${String(p.type)}: ${JSON.stringify(p.args)}`);
      if (m.method === 'Runtime.exceptionThrown')
        visit.problems.push(`exception: ${JSON.stringify(p.exceptionDetails)}`);
      if (m.method === 'Log.entryAdded') {
        const e = p.entry as { level: string; text: string; source: string };
        if (e.level === 'error' || e.level === 'warning') visit.problems.push(`${e.source} ${e.level}: ${e.text}`);
      }
      if (m.method === 'Network.requestWillBeSent') visit.requests.push(String((p.request as { url: string }).url));
      if (m.method === 'Page.loadEventFired') loaded();
    });
    for (const domain of ['Runtime', 'Log', 'Page', 'Network']) await send(`${domain}.enable`, {}, sessionId);
    await send('Page.navigate', { url }, sessionId);
    await Promise.race([load, exited]);
    // Let late console messages and violation reports arrive: two animation frames after load, the page has been
    // styled, laid out and painted (what a reviewer's browser shows), and this session's messages are ordered, so
    // what the page reported meanwhile arrived before this answer. (A condition, not a fixed sleep.)
    await send(
      'Runtime.evaluate',
      {
        expression: 'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))',
        awaitPromise: true,
      },
      sessionId,
    );
    for (const expression of expressions) {
      const r = (await send('Runtime.evaluate', { expression, returnByValue: true }, sessionId)) as {
        result: { value: unknown };
      };
      visit.values.push(r.result.value);
    }
    await send('Browser.close').catch(() => undefined);
    return visit;
  } finally {
    clearTimeout(timer);
    await stopGroup(proc);
    rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  }
}
