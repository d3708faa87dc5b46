// Dashboard bundle size and first load time on the demo: starts `portcullis demo` on a free port in a temp dir,
// loads `/` in Debian's Chromium (playwright-core, fresh context each run: cold cache) until the sign-in form is
// shown, 7 runs, prints the median. Needs `npm run build` first.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
const web = join(root, 'dist', 'web');
const files = [];
const walk = (d) => {
  for (const n of readdirSync(d)) {
    const f = join(d, n);
    if (statSync(f).isDirectory()) walk(f);
    else files.push(f);
  }
};
walk(web);
let raw = 0;
let gz = 0;
for (const f of files) {
  const b = readFileSync(f);
  raw += b.length;
  gz += gzipSync(b, { level: 9 }).length;
  console.log(
    `${f.slice(web.length + 1).padEnd(34)} ${String(b.length).padStart(7)} B  gzip ${String(gzipSync(b, { level: 9 }).length).padStart(6)} B`,
  );
}
console.log(`total ${raw} B, gzip ${gz} B`);

const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-dash-'));
const proc = spawn(process.execPath, [join(root, 'dist/cli/main.js'), 'demo', '--dir', dir, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
try {
  const base = await new Promise((res, rej) => {
    let out = '';
    const t = setTimeout(() => rej(new Error('demo did not start')), 60_000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /MCP endpoint\s+(\S+)\/mcp/.exec(out);
      if (m) (clearTimeout(t), res(m[1]));
    });
  });
  const browser = await chromium.launch({
    executablePath: process.env.PORTCULLIS_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  const times = [];
  for (let i = 0; i < 7; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const t0 = performance.now();
    await page.goto(`${base}/`);
    await page.getByLabel('Your API key').waitFor();
    times.push(performance.now() - t0);
    await ctx.close();
  }
  await browser.close();
  times.sort((a, b) => a - b);
  console.log(
    `first load to sign-in form (cold cache, 7 runs): median ${times[3].toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[6].toFixed(0)} ms`,
  );
} finally {
  proc.kill('SIGTERM');
  await new Promise((r) => proc.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
