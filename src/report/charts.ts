/**
 * Inline SVG charts for the HTML report, drawn here (no library, no script): risk by backend (stacked bars), score
 * by area (bars), and the score trend (a line). Colours come from presentation attributes, never `style=`.
 */
import type { HistoryEntry, Report, ReportArea } from './types.js';

export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const COLORS = { low: '#3a8f5c', medium: '#d9a21b', high: '#c0392b', bar: '#2f5d8a', grid: '#d0d5dc', text: '#222' };
const FONT = 'font-family="Helvetica, Arial, sans-serif" font-size="12"';

function svg(width: number, height: number, title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title>${body}</svg>`;
}

const text = (x: number, y: number, s: string, anchor: 'start' | 'end' | 'middle' = 'start') =>
  `<text x="${x}" y="${y}" ${FONT} fill="${COLORS.text}" text-anchor="${anchor}">${escapeXml(s)}</text>`;
const rect = (x: number, y: number, w: number, h: number, fill: string, label?: string) =>
  `<rect x="${x.toFixed(1)}" y="${y}" width="${Math.max(0, w).toFixed(1)}" height="${h}" fill="${fill}">${label ? `<title>${escapeXml(label)}</title>` : ''}</rect>`;

/** Tools per risk level, one stacked bar per backend. */
export function riskByBackendChart(byBackend: Report['inventory']['byBackend']): string {
  const rows = Object.entries(byBackend).sort(([a], [b]) => a.localeCompare(b));
  const width = 640;
  const left = 140;
  const barW = width - left - 60;
  const rowH = 26;
  const height = 40 + rows.length * rowH + 24;
  const max = Math.max(1, ...rows.map(([, c]) => c.low + c.medium + c.high));
  let body = '';
  rows.forEach(([name, c], i) => {
    const y = 30 + i * rowH;
    body += text(left - 8, y + 14, name.length > 20 ? `${name.slice(0, 19)}…` : name, 'end');
    let x = left;
    for (const level of ['low', 'medium', 'high'] as const) {
      const w = (c[level] / max) * barW;
      body += rect(x, y, w, 18, COLORS[level], `${name}: ${c[level]} ${level}`);
      x += w;
    }
    body += text(x + 6, y + 14, String(c.low + c.medium + c.high));
  });
  const ly = height - 14;
  body += (['low', 'medium', 'high'] as const)
    .map((l, i) => rect(left + i * 90, ly - 10, 12, 12, COLORS[l]) + text(left + i * 90 + 16, ly, `${l} risk`))
    .join('');
  body += text(left, 18, rows.length === 0 ? 'no tools' : 'tools per backend and risk level');
  return svg(width, height, 'Risk by backend', body);
}

/** Score of each area that has applicable checks (0-100). */
export function scoreByAreaChart(areas: Record<ReportArea, { score: number | null }>): string {
  const rows = Object.entries(areas) as [ReportArea, { score: number | null }][];
  const width = 640;
  const left = 140;
  const barW = width - left - 60;
  const rowH = 24;
  const height = 30 + rows.length * rowH + 10;
  let body = [0, 50, 100]
    .map((v) => {
      const x = left + (v / 100) * barW;
      return `<line x1="${x}" y1="20" x2="${x}" y2="${height - 8}" stroke="${COLORS.grid}"/>${text(x, 14, String(v), 'middle')}`;
    })
    .join('');
  rows.forEach(([area, a], i) => {
    const y = 24 + i * rowH;
    body += text(left - 8, y + 13, area, 'end');
    if (a.score === null) body += text(left + 4, y + 13, 'not applicable');
    else {
      const fill = a.score >= 80 ? COLORS.low : a.score >= 60 ? COLORS.medium : COLORS.high;
      body +=
        rect(left, y, (a.score / 100) * barW, 16, fill, `${area}: ${a.score}`) +
        text(left + (a.score / 100) * barW + 6, y + 13, String(a.score));
    }
  });
  return svg(width, height, 'Score by area', body);
}

/** The stored scores over time (oldest left), the last point being this report. */
export function trendChart(history: readonly HistoryEntry[]): string {
  const width = 640;
  const height = 200;
  const left = 40;
  const top = 16;
  const plotW = width - left - 20;
  const plotH = height - top - 40;
  const y = (v: number) => top + plotH - (v / 100) * plotH;
  let body = [0, 50, 100]
    .map(
      (v) =>
        `<line x1="${left}" y1="${y(v)}" x2="${left + plotW}" y2="${y(v)}" stroke="${COLORS.grid}"/>${text(left - 6, y(v) + 4, String(v), 'end')}`,
    )
    .join('');
  if (history.length === 0)
    return svg(width, height, 'Score trend', body + text(left + 8, top + 20, 'no score stored yet'));
  const t0 = Date.parse(history[0]!.at);
  const t1 = Date.parse(history[history.length - 1]!.at);
  const x = (at: string, i: number) =>
    left +
    (t1 > t0
      ? ((Date.parse(at) - t0) / (t1 - t0)) * plotW
      : history.length > 1
        ? (i / (history.length - 1)) * plotW
        : plotW / 2);
  const pts = history.map((h, i) => `${x(h.at, i).toFixed(1)},${y(h.score).toFixed(1)}`);
  if (history.length > 1)
    body += `<polyline points="${pts.join(' ')}" fill="none" stroke="${COLORS.bar}" stroke-width="2"/>`;
  body += history
    .map(
      (h, i) =>
        `<circle cx="${x(h.at, i).toFixed(1)}" cy="${y(h.score).toFixed(1)}" r="3.5" fill="${COLORS.bar}"><title>${escapeXml(`${h.at}: ${h.score} (${h.grade})`)}</title></circle>`,
    )
    .join('');
  body += text(left, height - 10, history[0]!.at.slice(0, 10));
  body += text(left + plotW, height - 10, history[history.length - 1]!.at.slice(0, 10), 'end');
  return svg(width, height, 'Score trend', body);
}
