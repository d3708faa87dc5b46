/**
 * PDF from the HTML report, printed by a real headless browser (Chromium): the HTML is written to a private temp
 * directory and printed with `--print-to-pdf`. The browser is `$PORTCULLIS_CHROMIUM` or the first of chromium,
 * chromium-browser, google-chrome on PATH.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export class BrowserNotFoundError extends Error {
  override readonly name = 'BrowserNotFoundError';
}

/** The headless browser to print with, or undefined when none is installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PORTCULLIS_CHROMIUM) return existsSync(env.PORTCULLIS_CHROMIUM) ? env.PORTCULLIS_CHROMIUM : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter))
    for (const name of CANDIDATES) if (dir && existsSync(join(dir, name))) return join(dir, name);
  return undefined;
}

/** Flags for a browser that only renders a local file: no sandbox-less surprises, no network chatter, no profile. */
export function headlessFlags(profileDir: string): string[] {
  return [
    '--headless',
    '--no-sandbox', // containers and root (CI) cannot use Chromium's sandbox; the page is our own, script-free HTML
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-extensions',
    '--disable-background-networking',
    '--disable-sync',
    '--disable-component-update',
    '--disable-breakpad',
    '--disable-crash-reporter',
    `--user-data-dir=${profileDir}`,
  ];
}

/**
 * Waits for a browser started with `detached: true` to exit (at most 5 s), then ends its process group (the
 * browser's helper processes, which may outlive it for a moment and keep files of its profile open).
 */
export async function stopGroup(proc: ChildProcess): Promise<void> {
  if (proc.exitCode === null && proc.signalCode === null)
    await Promise.race([new Promise((r) => proc.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
  try {
    if (proc.pid) process.kill(-proc.pid, 'SIGKILL');
  } catch {
    // the group is gone already
  }
}

export async function renderPdf(html: string, opts: { chromium?: string; timeoutMs?: number } = {}): Promise<Buffer> {
  const browser = opts.chromium ?? findChromium();
  if (!browser)
    throw new BrowserNotFoundError(
      'no headless browser found for PDF: install Chromium (Debian: apt-get install chromium) or set PORTCULLIS_CHROMIUM',
    );
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-pdf-'));
  let proc: ChildProcess | undefined;
  try {
    const page = join(dir, 'report.html');
    const out = join(dir, 'report.pdf');
    writeFileSync(page, html, { mode: 0o600 });
    const args = [
      ...headlessFlags(join(dir, 'profile')),
      '--no-pdf-header-footer',
      `--print-to-pdf=${out}`,
      pathToFileURL(page).href,
    ];
    await new Promise<void>((resolve, reject) => {
      const p = spawn(browser, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
      proc = p;
      let err = '';
      p.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
      const t = setTimeout(() => p.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
      p.on('error', (e) => (clearTimeout(t), reject(e)));
      p.on('exit', (code) => {
        clearTimeout(t);
        if (code === 0 && existsSync(out)) resolve();
        else
          reject(
            new Error(
              `${browser} exited with ${code} without printing the PDF: ${err.trim().split('\n').slice(-3).join(' ')}`,
            ),
          );
      });
    });
    return readFileSync(out);
  } finally {
    // The browser's helper processes may still be closing files in the profile.
    if (proc) await stopGroup(proc);
    rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  }
}
