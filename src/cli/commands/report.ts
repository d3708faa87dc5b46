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
import { buildDeploymentReport } from '../../report/build.js';
import { mcpInventoryReport, specInventoryReport } from '../../report/funnel.js';
import { gatherSnapshot, type AuditSource } from '../../report/gather.js';
import { toMarkdown } from '../../report/format-md.js';
import type { Report } from '../../report/types.js';
import type { Stores } from '../../storage/repositories.js';
import { openSecretResolver, openVault } from '../../vault/index.js';
import { CliError, configPath, loadConfigOrThrow, openStore } from '../context.js';
import { packageVersion } from '../version.js';
import { loadAnchors, verificationKey } from './audit.js';

export type ReportFormat = 'json' | 'md';

interface ReportOptions {
  config?: string;
  format: ReportFormat;
  out?: string;
  failUnder?: string;
  spec?: string;
  mcp?: boolean;
  timeout: string;
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
export async function deploymentReport(loaded: LoadedConfig, now = new Date()): Promise<Report> {
  const stores = await openStore(loaded);
  const paths = { dataDir: loaded.dataDir, baseDir: loaded.baseDir };
  const gw = createGateway(loaded, {
    store: stores,
    records: { intent: async () => undefined, outcome: async () => undefined },
    secrets: openSecretResolver(loaded.config.vault, paths),
    log: () => undefined,
  });
  let audit: AuditSource | { error: string } | undefined;
  try {
    await gw.start();
    audit = await cliAuditSource(loaded, stores);
    const snapshot = await gatherSnapshot({
      loaded,
      tools: gw.catalog().all(),
      stores,
      audit,
      ...(loaded.config.vault.provider === 'vault'
        ? { secrets: () => openVault(loaded.config.vault, paths).list() }
        : {}),
      now,
    });
    return buildDeploymentReport(snapshot, { portcullisVersion: packageVersion() });
  } finally {
    if (audit && !('error' in audit)) await audit.store.close();
    await gw.close();
    await stores.close();
  }
}

export function renderReport(report: Report, format: ReportFormat): string {
  return format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : toMarkdown(report);
}

export function register(program: Command): void {
  program
    .command('report')
    .description(
      'Security score and report of the configured deployment (checks with evidence, inventory, permissions, audit); exit 3 below --fail-under',
    )
    .argument('[command...]', 'with --mcp: the stdio MCP server to scan (put it after --)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'md']).default('md'))
    .option('-o, --out <file>', 'write the report to a file instead of stdout')
    .option('--fail-under <score>', 'exit with code 3 when the score (0-100) is below this')
    .option('--spec <openapi>', 'inventory, risk and side effects of an OpenAPI spec (file or URL), nothing deployed')
    .option('--mcp', 'inventory, risk and side effects of a stdio MCP server given after --, nothing deployed')
    .option('--timeout <ms>', 'with --mcp: timeout per MCP request', '30000')
    .option('-c, --config <file>', 'config file (default: $PORTCULLIS_CONFIG or ./portcullis.yaml)')
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
        report = await deploymentReport(loadConfigOrThrow(configPath(o.config)));
      }
      const text = renderReport(report, o.format);
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
