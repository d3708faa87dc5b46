/** The report as Markdown (for pull requests, wikis and tickets). */
import { reportAreas, type CheckResult, type Report } from './types.js';

const STATUS: Record<CheckResult['status'], string> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  not_applicable: 'N/A',
};

/** Table cells: no pipes or line breaks from tool descriptions and reasons. */
const cell = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');

export function toMarkdown(r: Report): string {
  const out: string[] = [];
  out.push(`# Portcullis security report`, '');
  out.push(`Generated ${r.generatedAt} by Portcullis ${r.portcullisVersion}.`);
  const subj = Object.entries(r.subject).map(([k, v]) => `${k}: \`${v}\``);
  if (subj.length) out.push(`Subject: ${subj.join(', ')}.`);
  out.push('');
  if (r.score) {
    out.push(`## Score: ${r.score.value}/100 (grade ${r.score.grade})`, '');
    out.push('| Area | Score | Pass | Warn | Fail | N/A |', '|---|---:|---:|---:|---:|---:|');
    for (const a of reportAreas) {
      const s = r.score.areas[a];
      out.push(`| ${a} | ${s.score ?? '–'} | ${s.pass} | ${s.warn} | ${s.fail} | ${s.notApplicable} |`);
    }
    out.push('');
  } else {
    out.push('Inventory report: tools scanned without a deployment, so there is no score.', '');
  }
  if (r.history && r.history.length > 1) {
    out.push('## Trend', '', '| When | Score | Grade |', '|---|---:|---|');
    for (const h of r.history.slice(-12)) out.push(`| ${h.at} | ${h.score} | ${h.grade} |`);
    out.push('');
  }
  out.push('## Checks', '');
  for (const c of r.checks) {
    out.push(`### ${STATUS[c.status]} \`${c.id}\`: ${cell(c.title)}`, '');
    out.push(`Area ${c.area}, weight ${c.weight}. ${cell(c.evidence.summary)}.`);
    if (c.evidence.items?.length) {
      out.push('');
      for (const i of c.evidence.items) out.push(`- ${cell(i)}`);
      if (c.evidence.more) out.push(`- … and ${c.evidence.more} more`);
    }
    out.push('', `Inspected: ${c.inspected.join('; ')}.`);
    if (c.status === 'fail' || c.status === 'warn') out.push('', `Remediation: ${cell(c.remediation)}`);
    if (c.acknowledgement) {
      const a = c.acknowledgement;
      out.push(
        '',
        `Acknowledged by ${a.by} on ${a.createdAt.slice(0, 10)}, ${a.expired ? 'EXPIRED' : 'expires'} ${a.expiresAt.slice(0, 10)}: ${cell(a.reason)}`,
      );
    }
    out.push('');
  }
  out.push('## Tool inventory', '');
  out.push(
    '| Tool | Backend | Risk | Categories | Side effect | Approval | Agents | Owner | Findings |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const t of r.inventory.tools) {
    const findings = t.findings.length ? t.findings.map((f) => `${f.severity} ${f.kind}`).join(', ') : '–';
    out.push(
      `| ${cell(t.name)}${t.quarantined ? ' (quarantined)' : ''} | ${cell(t.backend)} | ${t.risk.level} | ${t.risk.categories.join(', ') || '–'} | ${t.risk.sideEffect} | ${t.approval ?? '–'} | ${t.agents?.join(', ') || '–'} | ${cell(t.owner ?? '–')} | ${cell(findings)} |`,
    );
  }
  out.push('');
  if (r.permissions?.length) {
    out.push(
      '## Permission assignments',
      '',
      '| Agent | Sees | Of | High-risk tools | Called in window |',
      '|---|---:|---:|---|---:|',
    );
    for (const p of r.permissions)
      out.push(`| ${p.agent} | ${p.visible} | ${p.total} | ${p.high.join(', ') || '–'} | ${p.called} |`);
    out.push('');
  }
  if (r.audit) {
    const a = r.audit;
    out.push('## Audit coverage', '');
    out.push(
      `${a.records} records in the log; ${a.toolCalls} tool calls in the last ${a.windowDays} days (${a.callsWithUser} naming a user), ${a.approvalEvents} approval records; chain ${a.chainVerified === null ? 'not verified' : a.chainVerified ? 'verified' : 'BROKEN'}.`,
      '',
    );
  }
  if (r.acknowledgements?.length) {
    out.push('## Acknowledgements', '', '| Check | By | Reason | Expires |', '|---|---|---|---|');
    for (const a of r.acknowledgements)
      out.push(
        `| ${a.checkId} | ${cell(a.by)} | ${cell(a.reason)} | ${a.expiresAt.slice(0, 10)}${a.expired ? ' (expired)' : ''} |`,
      );
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
