/**
 * `portcullis import openapi SPEC --name NAME [--base-url URL] [--include ...] [--exclude ...] [--config FILE]`
 * Imports a spec, prints the inventory, and writes or updates `openapi.NAME` in the YAML config
 * (comments and the rest of the file are preserved).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { isMap, parseDocument } from 'yaml';
import { importSpec, openApiBackendConfigSchema, type ImportedSpec } from '../../backends/openapi/index.js';
import { classifyTool } from '../../risk/classify.js';
import { CliError, configPath } from '../context.js';

export interface ImportOpenApiOptions {
  spec: string;
  name: string;
  baseUrl?: string;
  include?: string[];
  exclude?: string[];
  config: string;
  dryRun?: boolean;
}

const NAME_RE = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

/** Spec reference as written to the config: URLs as given, files relative to the config file. */
function specRef(spec: string, configFile: string): string {
  if (/^https?:\/\//i.test(spec)) return spec;
  const abs = resolve(spec);
  const rel = relative(dirname(configFile), abs);
  return rel.startsWith('..') || isAbsolute(rel) ? abs : rel.startsWith('.') ? rel : `./${rel}`;
}

export function formatInventory(spec: ImportedSpec): string {
  const rows = spec.tools.map((t) => {
    const risk = classifyTool(t.definition, t.source);
    const where = t.source.kind === 'openapi' ? [t.source.method, t.source.path] : ['', ''];
    return [t.localName, ...where, [risk.level, ...risk.categories].join(' ')] as string[];
  });
  const widths = [4, 6, 4, 4].map((w, i) => Math.max(w, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join('  ');
  return [line(['TOOL', 'METHOD', 'PATH', 'RISK']), ...rows.map(line)].join('\n');
}

/** Writes or updates `openapi.<name>` in the YAML file, keeping comments and unrelated keys. */
export function upsertBackendEntry(
  configFile: string,
  name: string,
  entry: Record<string, unknown>,
  removeKeys: string[] = [],
): void {
  const text = existsSync(configFile) ? readFileSync(configFile, 'utf8') : '';
  const doc = parseDocument(text.trim() === '' ? '{}' : text);
  if (doc.errors.length > 0) throw new CliError(`cannot update ${configFile}: ${doc.errors[0]!.message}`, 2);
  if (!isMap(doc.contents)) throw new CliError(`cannot update ${configFile}: the top level is not a mapping`, 2);
  if (text.trim() === '') doc.contents.flow = false;
  if (!doc.hasIn(['openapi']) || doc.getIn(['openapi']) === null) doc.setIn(['openapi'], doc.createNode({}));
  if (!doc.hasIn(['openapi', name])) {
    doc.setIn(['openapi', name], doc.createNode(entry));
  } else {
    for (const [k, v] of Object.entries(entry)) doc.setIn(['openapi', name, k], doc.createNode(v));
    for (const k of removeKeys) doc.deleteIn(['openapi', name, k]);
  }
  const tmp = `${configFile}.${process.pid}.tmp`;
  writeFileSync(tmp, doc.toString(), 'utf8');
  renameSync(tmp, configFile);
}

export async function runImportOpenApi(
  opts: ImportOpenApiOptions,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<ImportedSpec> {
  if (!NAME_RE.test(opts.name)) throw new CliError(`--name must match ${NAME_RE.source}`, 2);
  if (opts.baseUrl !== undefined && !openApiBackendConfigSchema.shape.baseUrl.safeParse(opts.baseUrl).success) {
    throw new CliError('--base-url must be an http(s) URL', 2);
  }
  let spec: ImportedSpec;
  try {
    spec = await importSpec(opts.spec, {
      name: opts.name,
      ...(opts.include?.length ? { include: opts.include } : {}),
      ...(opts.exclude?.length ? { exclude: opts.exclude } : {}),
      ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
    });
  } catch (e) {
    throw new CliError(`cannot import ${opts.spec}: ${(e as Error).message}`, 2);
  }
  out(`${formatInventory(spec)}\n\n`);
  out(
    `${spec.title ?? opts.spec} (OpenAPI ${spec.version}): ${spec.tools.length} tool(s) from ${spec.operations} operation(s)\n`,
  );
  for (const w of spec.warnings) err(`warning: ${w}\n`);
  if (opts.dryRun) return spec;
  const entry: Record<string, unknown> = { spec: specRef(opts.spec, opts.config) };
  const remove: string[] = [];
  if (opts.baseUrl) entry.baseUrl = opts.baseUrl;
  if (opts.include?.length) entry.include = opts.include;
  else remove.push('include');
  if (opts.exclude?.length) entry.exclude = opts.exclude;
  else remove.push('exclude');
  upsertBackendEntry(opts.config, opts.name, entry, remove);
  out(`wrote openapi.${opts.name} to ${opts.config}\n`);
  return spec;
}

const collect = (v: string, prev: string[] = []): string[] => [
  ...prev,
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

export function register(program: Command): void {
  const imp =
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('Import tools from an API description');
  imp
    .command('openapi')
    .description(
      'Import an OpenAPI 3.x / Swagger 2.0 spec (file or URL): print its tools and write the backend entry to the config',
    )
    .argument('<spec>', 'spec file path or http(s) URL (JSON or YAML)')
    .requiredOption('-n, --name <name>', 'backend name (tool-name prefix, key under openapi: in the config)')
    .option('--base-url <url>', 'base URL that replaces the spec servers')
    .option(
      '--include <patterns>',
      'only these operations (tag:X, method:GET, path:/glob, op:glob, "METHOD /glob"); repeatable or comma-separated',
      collect,
    )
    .option('--exclude <patterns>', 'drop these operations (same patterns as --include)', collect)
    .option('-c, --config <file>', 'config file to update (default: $PORTCULLIS_CONFIG or ./portcullis.yaml)')
    .option('--dry-run', 'print the inventory without writing the config')
    .action(
      async (
        spec: string,
        o: {
          name: string;
          baseUrl?: string;
          include?: string[];
          exclude?: string[];
          config?: string;
          dryRun?: boolean;
        },
      ) => {
        await runImportOpenApi(
          {
            spec,
            name: o.name,
            config: configPath(o.config),
            ...(o.baseUrl ? { baseUrl: o.baseUrl } : {}),
            ...(o.include ? { include: o.include } : {}),
            ...(o.exclude ? { exclude: o.exclude } : {}),
            ...(o.dryRun ? { dryRun: true } : {}),
          },
          (s) => process.stdout.write(s),
          (s) => process.stderr.write(s),
        );
      },
    );
}
