/**
 * The report as one self-contained HTML page: inline CSS (allowed by its hash in the page's own CSP), inline SVG
 * charts, no script, no external resource, no event handler attribute. Prints to PDF as it shows (pdf.ts).
 */
import { createHash } from 'node:crypto';
import { escapeXml as esc, riskByBackendChart, scoreByAreaChart, trendChart } from './charts.js';
import { reportAreas, type CheckResult, type Report } from './types.js';

const CSS = `
@page { size: A4; margin: 14mm; }
body { font-family: Helvetica, Arial, sans-serif; color: #222; margin: 24px auto; max-width: 980px; line-height: 1.4; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; border-bottom: 1px solid #ccd; padding-bottom: 4px; margin-top: 28px; }
.meta { color: #555; font-size: 13px; }
.score { display: flex; gap: 24px; align-items: center; margin: 16px 0; }
.big { font-size: 56px; font-weight: bold; } .grade { font-size: 40px; font-weight: bold; padding: 4px 16px; border-radius: 8px; color: #fff; }
.g-A, .g-B { background: #3a8f5c; } .g-C, .g-D { background: #d9a21b; } .g-F { background: #c0392b; }
table { border-collapse: collapse; width: 100%; font-size: 12px; margin: 8px 0; }
th, td { border: 1px solid #d0d5dc; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f0f2f5; }
.check { border: 1px solid #d0d5dc; border-left-width: 6px; border-radius: 4px; padding: 8px 12px; margin: 10px 0; break-inside: avoid; }
.s-pass { border-left-color: #3a8f5c; } .s-warn { border-left-color: #d9a21b; } .s-fail { border-left-color: #c0392b; } .s-not_applicable { border-left-color: #999; }
.badge { font-weight: bold; font-size: 11px; padding: 1px 6px; border-radius: 3px; color: #fff; }
.b-pass { background: #3a8f5c; } .b-warn { background: #b7860f; } .b-fail { background: #c0392b; } .b-not_applicable { background: #888; }
.small { font-size: 12px; color: #555; } .ack { background: #f6f3e6; padding: 4px 8px; border-radius: 3px; font-size: 12px; }
.r-high { color: #c0392b; font-weight: bold; } .r-medium { color: #9a6f00; } .r-low { color: #2d7048; }
ul { margin: 4px 0; padding-left: 20px; } li { font-size: 12px; }
`;

const STATUS: Record<CheckResult['status'], string> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  not_applicable: 'N/A',
};

function check(c: CheckResult): string {
  const items = c.evidence.items?.length
    ? `<ul>${c.evidence.items.map((i) => `<li>${esc(i)}</li>`).join('')}${c.evidence.more ? `<li>… and ${c.evidence.more} more</li>` : ''}</ul>`
    : '';
  const ack = c.acknowledgement
    ? `<p class="ack">Acknowledged by ${esc(c.acknowledgement.by)} on ${esc(c.acknowledgement.createdAt.slice(0, 10))}, ${c.acknowledgement.expired ? '<strong>expired</strong>' : 'expires'} ${esc(c.acknowledgement.expiresAt.slice(0, 10))}: ${esc(c.acknowledgement.reason)}</p>`
    : '';
  const fix =
    c.status === 'fail' || c.status === 'warn' ? `<p><strong>Remediation:</strong> ${esc(c.remediation)}</p>` : '';
  return `<div class="check s-${c.status}" id="${esc(c.id)}">
<p><span class="badge b-${c.status}">${STATUS[c.status]}</span> <strong>${esc(c.title)}</strong> <span class="small">${esc(c.id)} · ${esc(c.area)} · weight ${c.weight}</span></p>
<p>${esc(c.evidence.summary)}</p>${items}${fix}${ack}
<p class="small">Inspected: ${esc(c.inspected.join('; '))}</p></div>`;
}

export function toHtml(r: Report): string {
  const css = CSS.trim();
  const hash = createHash('sha256').update(css).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const parts: string[] = [];
  const subject = Object.entries(r.subject)
    .map(([k, v]) => `${esc(k)}: ${esc(v)}`)
    .join(' · ');
  parts.push(
    `<h1>Portcullis security report</h1><p class="meta">Generated ${esc(r.generatedAt)} by Portcullis ${esc(r.portcullisVersion)}${subject ? ` · ${subject}` : ''}</p>`,
  );
  if (r.score) {
    parts.push(
      `<div class="score"><span class="big">${r.score.value}<span class="small">/100</span></span><span class="grade g-${r.score.grade}">${r.score.grade}</span></div>`,
    );
    parts.push('<h2>Score by area</h2>', scoreByAreaChart(r.score.areas));
    parts.push('<table><tr><th>Area</th><th>Score</th><th>Pass</th><th>Warn</th><th>Fail</th><th>N/A</th></tr>');
    for (const a of reportAreas) {
      const s = r.score.areas[a];
      parts.push(
        `<tr><td>${a}</td><td>${s.score ?? '–'}</td><td>${s.pass}</td><td>${s.warn}</td><td>${s.fail}</td><td>${s.notApplicable}</td></tr>`,
      );
    }
    parts.push('</table>');
    parts.push('<h2>Trend</h2>', trendChart(r.history ?? []));
  } else {
    parts.push('<p>Inventory report: tools scanned without a deployment, so there is no score.</p>');
  }
  parts.push('<h2>Risk by backend</h2>', riskByBackendChart(r.inventory.byBackend));
  parts.push('<h2>Checks</h2>', ...r.checks.map(check));
  parts.push(
    '<h2>Tool inventory</h2><table><tr><th>Tool</th><th>Backend</th><th>Risk</th><th>Categories</th><th>Side effect</th><th>Approval</th><th>Agents</th><th>Owner</th><th>Findings</th></tr>',
  );
  for (const t of r.inventory.tools)
    parts.push(
      `<tr><td>${esc(t.name)}${t.quarantined ? ' <strong>(quarantined)</strong>' : ''}</td><td>${esc(t.backend)}</td><td class="r-${t.risk.level}">${t.risk.level}</td><td>${esc(t.risk.categories.join(', ') || '–')}</td><td>${esc(t.risk.sideEffect)}</td><td>${esc(t.approval ?? '–')}</td><td>${esc(t.agents?.join(', ') || '–')}</td><td>${esc(t.owner ?? '–')}</td><td>${esc(t.findings.map((f) => `${f.severity} ${f.kind}`).join(', ') || '–')}</td></tr>`,
    );
  parts.push('</table>');
  if (r.permissions?.length) {
    parts.push(
      '<h2>Permission assignments</h2><table><tr><th>Agent</th><th>Sees</th><th>Of</th><th>High-risk tools</th><th>Called in window</th></tr>',
    );
    for (const p of r.permissions)
      parts.push(
        `<tr><td>${esc(p.agent)}</td><td>${p.visible}</td><td>${p.total}</td><td>${esc(p.high.join(', ') || '–')}</td><td>${p.called}</td></tr>`,
      );
    parts.push('</table>');
  }
  if (r.audit) {
    const a = r.audit;
    parts.push(
      `<h2>Audit coverage</h2><p>${a.records} records in the log; ${a.toolCalls} tool calls in the last ${a.windowDays} days (${a.callsWithUser} naming a user), ${a.approvalEvents} approval records; chain ${a.chainVerified === null ? 'not verified' : a.chainVerified ? 'verified' : '<strong>BROKEN</strong>'}.</p>`,
    );
  }
  if (r.acknowledgements?.length) {
    parts.push('<h2>Acknowledgements</h2><table><tr><th>Check</th><th>By</th><th>Reason</th><th>Expires</th></tr>');
    for (const a of r.acknowledgements)
      parts.push(
        `<tr><td>${esc(a.checkId)}</td><td>${esc(a.by)}</td><td>${esc(a.reason)}</td><td>${esc(a.expiresAt.slice(0, 10))}${a.expired ? ' (expired)' : ''}</td></tr>`,
      );
    parts.push('</table>');
  }
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Portcullis security report${r.score ? `: ${r.score.value}/100 (${r.score.grade})` : ''}</title>
<style>${css}</style></head>
<body>
${parts.join('\n')}
</body></html>
`;
}
