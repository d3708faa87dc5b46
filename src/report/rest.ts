/**
 * `/api/v1/report` (CONTRACTS.md): the report of the running deployment as JSON (schema/report.schema.json),
 * Markdown, HTML or PDF, never stored (a GET has no side effect: readers do not grow the history);
 * `GET /api/v1/report/history`; `POST /api/v1/report/history` (admin) stores the current score (at most one entry
 * an hour unless the score changed); `POST /api/v1/report/acknowledgements` (admin). The route group admits admin
 * and auditor; only an admin may write.
 */
import { HttpError, toHttpError } from '../core/http-error.js';
import type { ReportRepository } from '../storage/repositories.js';
import { toMarkdown } from './format-md.js';
import { toHtml } from './format-html.js';
import { renderPdf, BrowserNotFoundError } from './pdf.js';
import { acknowledge, HISTORY_SHOWN } from './service.js';
import type { Report } from './types.js';

export interface ReportApiDeps {
  /** Generates the current report; `record` also stores its score in the history (audited, naming `user`). */
  generate(options: { record: boolean; user?: string }): Promise<Report>;
  repo: ReportRepository;
}

type Ctx = { user: string; roles: readonly string[]; method: string; readJson(): Promise<unknown> };
type Answer = { status: number; body: unknown; contentType?: string };

const FORMATS = ['json', 'md', 'html', 'pdf'] as const;

export async function handleReportApi(deps: ReportApiDeps, url: URL, ctx: Ctx): Promise<Answer | undefined> {
  try {
    if (url.pathname === '/api/v1/report' && ctx.method === 'GET') {
      const format = url.searchParams.get('format') ?? 'json';
      if (!(FORMATS as readonly string[]).includes(format))
        throw new HttpError('request.invalid', `format: one of ${FORMATS.join(', ')}`);
      const report = await deps.generate({ record: false });
      if (format === 'json') return { status: 200, body: report };
      if (format === 'md')
        return { status: 200, body: toMarkdown(report), contentType: 'text/markdown; charset=utf-8' };
      if (format === 'html') return { status: 200, body: toHtml(report), contentType: 'text/html; charset=utf-8' };
      try {
        return { status: 200, body: await renderPdf(toHtml(report)), contentType: 'application/pdf' };
      } catch (e) {
        if (e instanceof BrowserNotFoundError) throw new HttpError('request.invalid', e.message);
        throw e;
      }
    }
    if (url.pathname === '/api/v1/report/history' && ctx.method === 'GET')
      return { status: 200, body: await deps.repo.scores(HISTORY_SHOWN) };
    if (url.pathname === '/api/v1/report/history' && ctx.method === 'POST') {
      if (!ctx.roles.includes('admin')) throw new HttpError('policy.denied', 'Requires the role admin');
      const report = await deps.generate({ record: true, user: ctx.user });
      const last = (await deps.repo.scores(1)).at(-1);
      return { status: 201, body: { generatedAt: report.generatedAt, score: report.score, latest: last } };
    }
    if (url.pathname === '/api/v1/report/acknowledgements') {
      if (ctx.method === 'GET') return { status: 200, body: await deps.repo.acknowledgements() };
      if (ctx.method === 'POST') {
        if (!ctx.roles.includes('admin')) throw new HttpError('policy.denied', 'Requires the role admin');
        const body = await ctx.readJson().catch((e: unknown) => {
          throw new HttpError('request.invalid', (e as Error).message);
        });
        const input = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
        const ack = await acknowledge(
          deps.repo,
          { checkId: input.checkId, reason: input.reason, expiresAt: input.expiresAt },
          ctx.user,
        );
        return { status: 201, body: ack };
      }
    }
    if (url.pathname.startsWith('/api/v1/report')) {
      const e = new HttpError('request.not_found');
      return { status: e.status, body: e.body() };
    }
    return undefined;
  } catch (e) {
    const err = toHttpError(e);
    return { status: err.status, body: err.body() };
  }
}
