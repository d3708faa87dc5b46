/**
 * `portcullis scan openapi SPEC | tools FILE | mcp -- COMMAND ARGS...` — classify and scan tools
 * without deploying anything. `--format table|json|md`; `--fail-on SEVERITY` for CI.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { parse as parseYaml } from 'yaml';
import { importOpenApiSpec } from '../../backends/openapi/index.js';
import { probeStdioServer } from '../../backends/mcp/probe.js';
import type { BackendTool, JsonObject, ToolDefinition } from '../../core/tool.js';
import { emptyRiskConfig, riskConfigSchema, type RiskConfig } from '../../risk/overrides.js';
import { formatScan, scanInventory, type ScanFormat, type ScannedTool } from '../../risk/scan-report.js';
import { severityRank, type FindingSeverity } from '../../risk/types.js';
import { CliError } from '../context.js';

interface CommonOptions {
  format: ScanFormat;
  failOn?: FindingSeverity;
  config?: string;
}

const formatOption = () =>
  new Option('--format <format>', 'output format').choices(['table', 'json', 'md']).default('table');
const failOnOption = () =>
  new Option(
    '--fail-on <severity>',
    'exit with code 3 when a poisoning or schema finding of this severity or worse exists (the risk level does not count); stderr lists them',
  ).choices(['info', 'low', 'medium', 'high', 'critical']);
const configOption = () =>
  new Option('--config <file>', 'apply the `risk:` section (overrides, accepted findings) of this YAML file');

/** The `risk:` section of a YAML config, validated; absent file section → no overrides. */
export function loadRiskSection(file: string | undefined): RiskConfig {
  if (file === undefined) return emptyRiskConfig;
  if (!existsSync(file)) throw new CliError(`config file not found: ${file}`, 2);
  const doc = parseYaml(readFileSync(file, 'utf8')) as unknown;
  const section = typeof doc === 'object' && doc !== null ? (doc as JsonObject).risk : undefined;
  if (section === undefined || section === null) return emptyRiskConfig;
  const parsed = riskConfigSchema.safeParse(section);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(
      `invalid risk config in ${file}: risk.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
      2,
    );
  }
  return parsed.data;
}

/** Tool definitions from a JSON file: an array, a `tools/list` result, or a JSON-RPC response holding one. */
export function readToolsFile(file: string): ToolDefinition[] {
  if (!existsSync(file)) throw new CliError(`file not found: ${file}`, 2);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`${file} is not valid JSON: ${(e as Error).message}`, 2);
  }
  const obj = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
  let list: unknown = doc;
  if (obj(list) && obj(list.result)) list = list.result;
  if (obj(list) && Array.isArray(list.tools)) list = list.tools;
  if (!Array.isArray(list)) throw new CliError(`${file}: expected a JSON array of tools or a tools/list result`, 2);
  return list.map((t, i) => {
    if (!obj(t) || typeof t.name !== 'string' || t.name.length === 0)
      throw new CliError(`${file}: tool #${i} has no name`, 2);
    const def: ToolDefinition = { name: t.name, inputSchema: obj(t.inputSchema) ? t.inputSchema : { type: 'object' } };
    if (typeof t.title === 'string') def.title = t.title;
    if (typeof t.description === 'string') def.description = t.description;
    if (obj(t.outputSchema)) def.outputSchema = t.outputSchema;
    if (obj(t.annotations)) def.annotations = t.annotations;
    if (obj(t._meta)) def._meta = t._meta;
    return def;
  });
}

function mcpTools(defs: readonly ToolDefinition[], server: string): BackendTool[] {
  return defs.map((d) => ({ localName: d.name, definition: d, source: { kind: 'mcp', server } }));
}

/**
 * Print the result; exit code 3 when `--fail-on` is met. The verdict goes to stderr (stdout stays the report):
 * which findings (poisoning and schema findings, not the risk level) reached the threshold, or that none did.
 */
function emit(
  tools: ScannedTool[],
  opts: CommonOptions,
  title: string,
  out: (s: string) => void,
  err: (s: string) => void = (s) => void process.stderr.write(s),
): number {
  out(`${formatScan(tools, opts.format, title)}\n`);
  if (opts.failOn === undefined) return 0;
  const limit = severityRank[opts.failOn];
  const hits = tools.flatMap((t) =>
    t.findings
      .filter((f) => severityRank[f.severity] >= limit)
      .map((f) => `  ${t.name}: ${f.severity} ${f.kind}: ${f.message}`),
  );
  const what = `--fail-on ${opts.failOn}: findings of severity ${opts.failOn} or worse`;
  if (hits.length === 0) {
    err(`${what}: none\n`);
    return 0;
  }
  const shown = hits.slice(0, 20).join('\n') + (hits.length > 20 ? `\n  ... (${hits.length} in all)` : '');
  err(`${what}: ${hits.length}, exit code 3\n${shown}\n`);
  return 3;
}

export async function runScanOpenApi(
  spec: string,
  opts: CommonOptions & { include?: string[]; exclude?: string[] },
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const config = loadRiskSection(opts.config);
  let imported: Awaited<ReturnType<typeof importOpenApiSpec>>;
  try {
    imported = await importOpenApiSpec(spec, {
      ...(opts.include?.length ? { include: opts.include } : {}),
      ...(opts.exclude?.length ? { exclude: opts.exclude } : {}),
    });
  } catch (e) {
    throw new CliError(`cannot import ${spec}: ${(e as Error).message}`, 2);
  }
  for (const w of imported.warnings) err(`warning: ${w}\n`);
  return emit(scanInventory(imported.tools, config), opts, basename(spec), out, err);
}

export function runScanTools(
  file: string,
  opts: CommonOptions,
  out: (s: string) => void,
  err: (s: string) => void = (s) => void process.stderr.write(s),
): number {
  const config = loadRiskSection(opts.config);
  const tools = mcpTools(readToolsFile(file), basename(file));
  return emit(scanInventory(tools, config), opts, basename(file), out, err);
}

export async function runScanMcp(
  command: string,
  args: string[],
  opts: CommonOptions & { timeout: string },
  out: (s: string) => void,
): Promise<number> {
  const config = loadRiskSection(opts.config);
  const timeoutMs = Number(opts.timeout);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new CliError('--timeout must be a positive number of milliseconds', 2);
  let probed: Awaited<ReturnType<typeof probeStdioServer>>;
  try {
    probed = await probeStdioServer({ command, args, timeoutMs });
  } catch (e) {
    throw new CliError(`cannot list tools of '${command}': ${(e as Error).message}`, 2);
  }
  const server = probed.serverName ?? basename(command);
  return emit(scanInventory(mcpTools(probed.tools, server), config), opts, server, out);
}

const write = (s: string): void => void process.stdout.write(s);
const writeErr = (s: string): void => void process.stderr.write(s);
const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

export function register(program: Command): void {
  const scan = program
    .command('scan')
    .description('Classify tools and scan them for poisoning, without deploying anything');

  scan
    .command('openapi')
    .description('Scan every operation of an OpenAPI / Swagger spec (file or URL)')
    .argument('<spec>', 'OpenAPI document: file path or URL')
    .addOption(formatOption())
    .addOption(failOnOption())
    .addOption(configOption())
    .option('--include <glob>', 'only operations matching (repeatable)', collect)
    .option('--exclude <glob>', 'skip operations matching (repeatable)', collect)
    .action(async (spec: string, opts: CommonOptions & { include?: string[]; exclude?: string[] }) => {
      process.exitCode = await runScanOpenApi(spec, opts, write, writeErr);
    });

  scan
    .command('tools')
    .description('Scan MCP tool definitions from a JSON file (an array of tools or a saved tools/list result)')
    .argument('<file>', 'JSON file')
    .addOption(formatOption())
    .addOption(failOnOption())
    .addOption(configOption())
    .action((file: string, opts: CommonOptions) => {
      process.exitCode = runScanTools(file, opts, write);
    });

  scan
    .command('mcp')
    .description('Start a stdio MCP server, list its tools, stop it, and scan them: scan mcp -- COMMAND ARGS...')
    .argument('<command>', 'server executable')
    .argument('[args...]', 'server arguments (put them after --)')
    .addOption(formatOption())
    .addOption(failOnOption())
    .addOption(configOption())
    .option('--timeout <ms>', 'timeout per MCP request', '30000')
    .action(async (command: string, args: string[], opts: CommonOptions & { timeout: string }) => {
      process.exitCode = await runScanMcp(command, args, opts, write);
    });
}
