/** Imports a whole OpenAPI document: operations -> tools + call plans, with warnings instead of failures. */
import type { BackendTool } from '../../core/tool.js';
import { buildTool } from './build-tool.js';
import { createOperationFilter } from './filters.js';
import { loadDocumentSet } from './load-document.js';
import {
  createOperationReader,
  detectVersion,
  enumerateOperations,
  readSecuritySchemes,
  type SpecVersion,
} from './operations.js';
import { createRefResolver } from './ref-resolver.js';
import { createSchemaConverter } from './schema-convert.js';
import { assignToolNames } from './tool-naming.js';
import type { CallPlan, SecurityScheme } from './types.js';

export interface ImportOptions {
  include?: string[];
  exclude?: string[];
  /** Replaces every server URL of the spec. */
  baseUrl?: string;
  /** Backend name: tool-name prefix and ToolSource.backend. */
  name?: string;
  /** Parameter / form-field names (any location) the gateway fills with a credential; hidden from agents. */
  injectParams?: string[];
  /** Header parameters the gateway sets itself (`openapi.<name>.headers`); hidden from agents. */
  hiddenHeaders?: string[];
}

export interface ImportedSpec {
  version: SpecVersion;
  title?: string;
  tools: BackendTool[];
  plans: Map<string, CallPlan>;
  securitySchemes: Record<string, SecurityScheme>;
  warnings: string[];
  /** Operations in the document (before include/exclude). */
  operations: number;
}

const MAX_WARNINGS_PER_KIND = 5;

export async function importSpec(source: string, options: ImportOptions = {}): Promise<ImportedSpec> {
  const set = await loadDocumentSet(source);
  const version = detectVersion(set.root);
  const resolver = createRefResolver(set);
  const warnings: string[] = [];
  const kindCount = new Map<string, number>();
  const warn = (kind: string, msg: string): void => {
    const n = (kindCount.get(kind) ?? 0) + 1;
    kindCount.set(kind, n);
    if (n <= MAX_WARNINGS_PER_KIND) warnings.push(msg);
  };
  const converter = createSchemaConverter(resolver, (m) => warn(m.split(' ')[0] ?? 'schema', m));
  const read = createOperationReader(resolver, converter, version);
  const securitySchemes = readSecuritySchemes(resolver, version);

  const headers = enumerateOperations(resolver);
  const backend = options.name ?? 'openapi';
  const names = assignToolNames(headers, options.name);
  const filter = createOperationFilter(options.include, options.exclude);

  const hidden = new Set<string>();
  const schemeParams = new Set<string>();
  const injectNames = new Set<string>((options.injectParams ?? []).map((h) => h.toLowerCase()));
  for (const s of Object.values(securitySchemes)) {
    if (s.type !== 'apiKey' || !s.name) continue;
    hidden.add(`${s.in ?? 'header'}:${s.name.toLowerCase()}`);
    schemeParams.add(s.name.toLowerCase());
  }
  for (const h of options.hiddenHeaders ?? []) hidden.add(`header:${h.toLowerCase()}`);

  const servers = options.baseUrl ? [options.baseUrl.replace(/\/+$/, '')] : undefined;
  const tools: BackendTool[] = [];
  const plans = new Map<string, CallPlan>();
  const seenIds = new Map<string, number>();
  const withheld = new Map<string, number>();
  let relativeServers = 0;
  for (const [i, h] of headers.entries()) {
    if (h.operationId) seenIds.set(h.operationId, (seenIds.get(h.operationId) ?? 0) + 1);
    const name = names[i]!;
    if (!filter({ method: h.method, path: h.path, operationId: h.operationId, tags: h.tags, name })) continue;
    try {
      const op = read(h);
      if (!servers && !op.servers.some((s) => /^https?:\/\//i.test(s))) relativeServers++;
      const built = buildTool(op, {
        backend,
        name,
        hiddenParams: hidden,
        injectNames,
        schemeParams,
        ...(servers ? { servers } : {}),
      });
      tools.push(built.tool);
      for (const w of built.withheld) withheld.set(w, (withheld.get(w) ?? 0) + 1);
      plans.set(name, built.plan);
    } catch (e) {
      warn('operation', `${h.method} ${h.path}: skipped (${(e as Error).message})`);
    }
  }
  const missingIds = headers.filter((h) => !h.operationId).length;
  if (missingIds > 0) warnings.push(`${missingIds} operation(s) without operationId: named from method + path`);
  const dupIds = [...seenIds.entries()].filter(([, n]) => n > 1);
  if (dupIds.length > 0) {
    warnings.push(
      `${dupIds.length} operationId(s) shared by several operations (e.g. ${JSON.stringify(dupIds[0]![0])}): those are named from method + path`,
    );
  }
  if (withheld.size > 0) {
    const list = [...withheld.keys()].slice(0, 6).join(', ') + (withheld.size > 6 ? `, … (${withheld.size})` : '');
    warnings.push(
      `credential parameter(s) withheld from agents by name: ${list}; the gateway sends one only where auth.<x> (in, name, credential) fills it`,
    );
  }
  if (relativeServers > 0)
    warnings.push(`${relativeServers} operation(s) have no absolute server URL: set baseUrl in the backend config`);
  for (const [kind, n] of kindCount)
    if (n > MAX_WARNINGS_PER_KIND) warnings.push(`... and ${n - MAX_WARNINGS_PER_KIND} more "${kind}" warning(s)`);

  const root = set.root as Record<string, unknown>;
  const info = root.info as Record<string, unknown> | undefined;
  return {
    version,
    ...(typeof info?.title === 'string' ? { title: info.title } : {}),
    tools,
    plans,
    securitySchemes,
    warnings,
    operations: headers.length,
  };
}
