/**
 * `portcullis report`: the security score and report of the configured deployment (config, stores, audit log,
 * live catalog), or with --spec / --mcp the inventory part for tools that are not deployed.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { defaultAnchorPath } from '../../audit/anchor.js';
import { verifyAuditChain } from '../../audit/verify.js';
import { createGateway } from '../../gateway/gateway.js';
import type { LoadedConfig } from '../../config/load.js';
import { mcpInventoryReport, specInventoryReport } from '../../report/funnel.js';
import type { AuditSource } from '../../report/gather.js';
import { acknowledge, generateReport, HISTORY_SHOWN } from '../../report/service.js';
import { isGatewayError } from '../../core/errors.js';
import { userInfo } from 'node:os';
import { toMarkdown } from '../../report/format-md.js';
import { toHtml } from '../../report/format-html.js';
import { BrowserNotFoundError, renderPdf } from '../../report/pdf.js';
import type { Report } from '../../report/types.js';
import type { Stores } from '../../storage/repositories.js';
import { openSecretResolver, openVault } from '../../vault/index.js';
import { CliError, configPath, loadConfigOrThrow, openStore } from '../context.js';
import { packageVersion } from '../version.js';
import { appendAudit } from './keys.js';
import { loadAnchors, verificationKey } from './audit.js';

export type ReportFormat = 'json' | 'md' | 'html' | 'pdf';

interface ReportOptions {
  config?: string;
  format: ReportFormat;
  out?: string;
  failUnder?: string;
  spec?: string;
  mcp?: boolean;
  timeout: string;
  record: boolean;
}

/** The audit log, read-only, with the same verification `portcullis audit verify` runs. */
async function cliAuditSource(loaded: LoadedConfig, stores: Stores): Promise<AuditSource | { error: string }> {
  if (!(await stores.audit.exists())) return { error: `no audit log at ${stores.audit.location}` };
  const store = stores.audit.openReadonly();
  const a = loaded.config.audit;
  const files = [
    a.anchorPath ? resolve(loaded.baseDir, a.anchorPath) : defaultAnchorPath(loaded.dataDir),
    ...a.sinks.flatMap((s) => (s.type === 'file' ? [resolve(loaded.baseDir, s.path)] : [])),
  ];
  return {
    store,
    async verify() {
      const { anchors } = await loadAnchors(files);
      const { key, source } = await verificationKey(loaded.dataDir, store, undefined, anchors.publicKey);
      return verifyAuditChain(store, { publicKey: key, keySource: source, externalCheckpoints: anchors.checkpoints });
    },
  };
}

/** The deployment report: the real gateway's catalog (backends connected, nothing served), stores and audit log. */
export async function deploymentReport(
  loaded: LoadedConfig,
  opts: { now?: Date; record?: boolean } = {},
): Promise<Report> {
  const stores = await openStore(loaded);
  const paths = { dataDir: loaded.dataDir, baseDir: loaded.baseDir };
  const gw = createGateway(loaded, {
    store: stores,
    records: { intent: async () => undefined, outcome: async () => undefined },
    secrets: await openSecretResolver(loaded.config.vault, paths, stores.secrets),
    log: () => undefined,
  });
  let audit: AuditSource | { error: string } | undefined;
  try {
    await gw.start();
    audit = await cliAuditSource(loaded, stores);
    return await generateReport(
      {
        loaded,
        tools: gw.catalog().all(),
        stores,
        audit,
        report: stores.report,
        // No audit, no change: appended to the configured log first; when it cannot be, the score is not stored and
        // stderr says so (the report is still printed).
        recordEvent: (e) => appendAudit(loaded, e, stores),
        ...(loaded.config.vault.provider === 'vault'
          ? { secrets: async () => (await openVault(loaded.config.vault, paths, stores.secrets)).list() }
          : {}),
        ...(opts.now ? { now: opts.now } : {}),
      },
      { portcullisVersion: packageVersion() },
      {
        record: opts.record !== false,
        notRecorded: (m) => process.stderr.write(`portcullis: report: ${m}\n`),
      },
    );
  } finally {
    if (audit && !('error' in audit)) await audit.store.close();
    await gw.close();
    await stores.close();
  }
}

export async function renderReport(report: Report, format: ReportFormat): Promise<string | Buffer> {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'md') return toMarkdown(report);
  if (format === 'html') return toHtml(report);
  try {
    return await renderPdf(toHtml(report));
  } catch (e) {
    if (e instanceof BrowserNotFoundError) throw new CliError(e.message, 2);
    throw e;
  }
}

const cfgOption = ['-c, --config <file>', 'config file (default: $PORTCULLIS_CONFIG or ./portcullis.yaml)'] as const;

export function register(program: Command): void {
  const report = program.command('report');
  report
    .command('ack')
    .description(
      'Acknowledge a finding: accepted for now, with a reason and an expiry (shown in every report until it expires)',
    )
    .argument('<check>', 'check id, e.g. audit.sink')
    .requiredOption('--reason <text>', 'why the finding is accepted for now')
    .requiredOption('--expires <date>', 'ISO 8601 date when it must be fixed or reviewed again (at most a year ahead)')
    .option('--by <name>', 'who acknowledges it (default: the OS user)')
    .option(...cfgOption)
    .action(async (check: string, o: { reason: string; expires: string; by?: string; config?: string }) => {
      const loaded = loadConfigOrThrow(configPath(o.config));
      const stores = await openStore(loaded);
      try {
        const ack = await acknowledge(
          stores.report,
          { checkId: check, reason: o.reason, expiresAt: o.expires },
          o.by ?? userInfo().username,
        );
        process.stdout.write(`acknowledged ${ack.checkId} until ${ack.expiresAt} (id ${ack.id})\n`);
      } catch (e) {
        if (isGatewayError(e)) throw new CliError(e.message, 2);
        throw e;
      } finally {
        await stores.close();
      }
    });
  report
    .command('history')
    .description('Stored scores, oldest first (one line each: time, score, grade)')
    .option('--json', 'print JSON')
    .option(...cfgOption)
    .action(async (o: { json?: boolean; config?: string }) => {
      const loaded = loadConfigOrThrow(configPath(o.config));
      const stores = await openStore(loaded);
      try {
        const h = await stores.report.scores(HISTORY_SHOWN);
        process.stdout.write(
          o.json
            ? `${JSON.stringify(h, null, 2)}\n`
            : h.map((e) => `${e.at}  ${String(e.score).padStart(3)}  ${e.grade}\n`).join(''),
        );
      } finally {
        await stores.close();
      }
    });
  report
    .description(
      'Security score and report of the configured deployment (checks with evidence, inventory, permissions, audit); exit 3 below --fail-under',
    )
    .argument('[command...]', 'with --mcp: the stdio MCP server to scan (put it after --)')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['json', 'md', 'html', 'pdf']).default('md'),
    )
    .option('-o, --out <file>', 'write the report to a file instead of stdout')
    .option('--fail-under <score>', 'exit with code 3 when the score (0-100) is below this')
    .option('--spec <openapi>', 'inventory, risk and side effects of an OpenAPI spec (file or URL), nothing deployed')
    .option('--mcp', 'inventory, risk and side effects of a stdio MCP server given after --, nothing deployed')
    .option('--timeout <ms>', 'with --mcp: timeout per MCP request', '30000')
    .option('--no-record', 'do not store this score in the history')
    .option(...cfgOption)
    .action(async (command: string[], o: ReportOptions) => {
      let threshold: number | undefined;
      if (o.failUnder !== undefined) {
        threshold = Number(o.failUnder);
        if (!/^\d+(\.\d+)?$/.test(o.failUnder) || threshold > 100)
          throw new CliError('--fail-under: a score from 0 to 100', 2);
      }
      if (o.spec && o.mcp) throw new CliError('give --spec or --mcp, not both', 2);
      if ((o.spec || o.mcp) && threshold !== undefined)
        throw new CliError('--fail-under needs a deployment: an inventory report (--spec, --mcp) has no score', 2);
      const meta = { portcullisVersion: packageVersion() };
      let report: Report;
      if (o.spec) {
        try {
          const r = await specInventoryReport(o.spec, meta);
          for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
          report = r.report;
        } catch (e) {
          throw new CliError(`cannot import ${o.spec}: ${(e as Error).message}`, 2);
        }
      } else if (o.mcp) {
        const [cmd, ...args] = command;
        if (!cmd) throw new CliError('--mcp needs the server command after --: report --mcp -- COMMAND ARGS...', 2);
        const timeoutMs = Number(o.timeout);
        if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new CliError('--timeout: milliseconds', 2);
        try {
          report = await mcpInventoryReport(cmd, args, meta, { timeoutMs });
        } catch (e) {
          throw new CliError(`cannot list tools of '${cmd}': ${(e as Error).message}`, 2);
        }
      } else {
        if (command.length > 0)
          throw new CliError(`unexpected argument ${command[0]} (a server command goes with --mcp)`, 2);
        report = await deploymentReport(loadConfigOrThrow(configPath(o.config)), { record: o.record });
      }
      if (o.format === 'pdf' && !o.out && process.stdout.isTTY)
        throw new CliError('--format pdf writes binary: give --out FILE (or redirect stdout)', 2);
      const text = await renderReport(report, o.format);
      if (o.out) {
        writeFileSync(resolve(o.out), text, { mode: 0o600 });
        process.stderr.write(`report written to ${resolve(o.out)}\n`);
      } else process.stdout.write(text);
      if (report.score)
        process.stderr.write(`security score ${report.score.value}/100 (grade ${report.score.grade})\n`);
      if (threshold !== undefined && report.score && report.score.value < threshold) {
        process.stderr.write(`score ${report.score.value} is below --fail-under ${threshold}\n`);
        process.exitCode = 3;
      }
    });
}
