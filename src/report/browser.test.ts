// The HTML report in a real headless Chromium (Debian's package; CI installs it in .ci/run) and the PDF printed
// from it. Under CI=true a missing Chromium fails these tests instead of skipping them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeploymentReport } from './build.js';
import { toHtml } from './format-html.js';
import { findChromium, renderPdf } from './pdf.js';
import { visitPage } from './test-support/browser.js';
import { bareDemoYaml, demoTools, NOW, snapshotOf } from './test-support/fixtures.js';
import type { Report } from './types.js';

const chromium = findChromium();
if (!chromium && process.env.CI === 'true')
  throw new Error('CI must run the browser tests: install chromium (.ci/run does)');
const run = chromium ? describe : describe.skip;

const dir = mkdtempSync(join(tmpdir(), 'portcullis-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let report: Report;
beforeAll(async () => {
  report = buildDeploymentReport(
    snapshotOf(bareDemoYaml, await demoTools(), {
      acknowledgements: [
        {
          id: 'a1',
          checkId: 'audit.sink',
          reason: 'SIEM <b>arrives</b> in Q3',
          by: 'alice',
          createdAt: NOW,
          expiresAt: '2026-09-01T00:00:00.000Z',
        },
      ],
      history: [
        { at: '2026-04-01T00:00:00.000Z', score: 31, grade: 'F', areas: {} },
        { at: '2026-05-01T00:00:00.000Z', score: 44, grade: 'F', areas: {} },
      ],
    }),
    { portcullisVersion: '1.2.3' },
  );
});

run('HTML report in headless Chromium', () => {
  it('opens without console errors, requests nothing but itself, and draws its three charts', async () => {
    const file = join(dir, 'report.html');
    writeFileSync(file, toHtml(report));
    const url = pathToFileURL(file).href;
    const v = await visitPage(url, [
      'document.querySelectorAll("svg").length',
      '[...document.querySelectorAll("svg > title")].map((t) => t.textContent)',
      'document.querySelectorAll("script, [onclick], [onload], [onerror], link, img, iframe").length',
      'getComputedStyle(document.querySelector(".grade")).color',
      'document.querySelector(".ack").textContent',
    ]);
    expect(v.problems).toEqual([]);
    expect(v.requests).toEqual([url]);
    expect(v.values[0]).toBe(3);
    expect(v.values[1]).toEqual(['Score by area', 'Score trend', 'Risk by backend']);
    expect(v.values[2]).toBe(0);
    expect(v.values[3]).toBe('rgb(255, 255, 255)'); // the stylesheet applied under the page's own CSP
    expect(v.values[4]).toContain('SIEM <b>arrives</b> in Q3'); // text, not markup
  }, 60_000);

  it('the same browser check reports a page that breaks the rules (the check can fail)', async () => {
    const file = join(dir, 'bad.html');
    writeFileSync(
      file,
      toHtml(report).replace(
        '<body>',
        '<body><img src="https://example.invalid/x.png"><button onclick="x()">x</button><script>undefinedFn()</script>',
      ),
    );
    const v = await visitPage(pathToFileURL(file).href);
    expect(v.problems.join('\n')).toMatch(/Content Security Policy/);
  }, 60_000);
});

run('PDF printed from the HTML', () => {
  it('has the score, the checks and the inventory as text (pdftotext)', async () => {
    const pdf = await renderPdf(toHtml(report));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Portcullis security report');
    expect(text).toMatch(new RegExp(`${report.score!.value}\\s*/100`));
    expect(text).toContain('Risk by backend');
    expect(text).toContain('Records are shipped to a sink (SIEM)');
    expect(text).toContain('billing_createRefund');
    expect(text).toContain('SIEM <b>arrives</b> in Q3');
  }, 60_000);
});
