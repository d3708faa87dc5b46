import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import type { PromptTarget, ResourceTarget, Target } from '../../core/decision.js';
import { toolTargetOf } from '../../backends/catalog.js';
import { createGateway, type Gateway } from '../../gateway/gateway.js';
import { policyCasesSchema, principalOf, runCases, type PolicyCase } from '../../policy/cases.js';
import { matrixCsv, permissionMatrix } from '../../policy/matrix.js';
import { normaliseUri } from '../../policy/uri.js';
import type { LoadedConfig } from '../../config/load.js';
import { CliError, configPath, loadConfigOrThrow, openStore } from '../context.js';
import { JsonRequestError, parseJsonRequest } from '../../core/json-shape.js';

/**
 * The real gateway (backends connected, catalog classified, policy compiled) without a front door and with
 * decision records going nowhere: explain, test and matrix ask the same `evaluate` the gateway asks.
 */
async function withGateway<T>(loaded: LoadedConfig, offline: boolean, fn: (gw: Gateway) => T): Promise<T> {
  const store = await openStore(loaded);
  const gw = createGateway(offline ? { ...loaded, config: { ...loaded.config, upstreams: {}, openapi: {} } } : loaded, {
    store,
    records: { intent: async () => undefined, outcome: async () => undefined },
    log: () => undefined,
  });
  try {
    await gw.start();
    return fn(gw);
  } finally {
    await gw.close();
    await store.close();
  }
}

function targetOf(gw: Gateway, c: PolicyCase): Target {
  if (c.tool !== undefined) {
    const e = gw.catalog().get(c.tool);
    const args = c.args ?? {};
    if (e && !c.risk) return { ...toolTargetOf(e), args };
    if (!c.risk)
      throw new CliError(
        `unknown tool "${c.tool}": not in the catalog (is its backend up?); give risk: to test it offline`,
      );
    return {
      kind: 'tool',
      name: c.tool,
      backend: c.backend ?? e?.backend.name ?? c.tool.split('_')[0]!,
      risk: { level: c.risk.level, categories: c.risk.categories, sideEffect: c.risk.sideEffect },
      args,
    };
  }
  const ref = referenceOf(gw, c);
  return c.completion ? { kind: 'completion', ref } : ref;
}

/** The prompt or resource a case names (also what a completion case completes against). */
function referenceOf(gw: Gateway, c: PolicyCase): PromptTarget | ResourceTarget {
  if (c.prompt !== undefined) return { kind: 'prompt', name: c.prompt, server: c.server ?? c.prompt.split('_')[0]! };
  const n = normaliseUri(c.resource ?? '');
  if (!n.ok) throw new CliError(`resource URI refused by normalisation: ${n.reason}`);
  const servers = Object.keys(gw.config().config.upstreams);
  const server = c.server ?? (servers.length === 1 ? servers[0] : undefined);
  if (!server) throw new CliError('--server NAME is needed with --resource when several upstreams are configured');
  return { kind: 'resource', server, uri: n.uri };
}

const cfgOption = ['-c, --config <file>', 'config file (default: $PORTCULLIS_CONFIG or ./portcullis.yaml)'] as const;

export function register(program: Command): void {
  const policy = program.command('policy').description('Explain, test and export the policy decision');

  policy
    .command('explain')
    .description('Run the real decision for one request and print effect, rule and reasons')
    .requiredOption('-a, --agent <name>', 'agent')
    .option('-u, --user <id>', 'user the agent acts for')
    .option('-g, --group <name...>', "user's groups")
    .option('-t, --tool <name>', 'namespaced tool name')
    .option('--args <json>', 'tool arguments (JSON object)')
    .option('-r, --resource <uri>', 'resource URI (normalised first)')
    .option('-s, --server <name>', 'upstream that owns the resource or prompt')
    .option('-p, --prompt <name>', 'namespaced prompt name')
    .option('--completion', 'decide completion/complete against the --prompt or --resource reference')
    .option('--json', 'print JSON')
    .option(...cfgOption)
    .action(async (o: Record<string, string | string[] | boolean | undefined>) => {
      const loaded = loadConfigOrThrow(configPath(o.config as string | undefined));
      let args: Record<string, unknown> | undefined;
      if (typeof o.args === 'string') {
        try {
          args = parseJsonRequest(o.args) as Record<string, unknown>;
        } catch (e) {
          if (e instanceof JsonRequestError && e.reason === 'shape') throw new CliError(`--args: ${e.message}`, 2);
          throw new CliError('--args must be a JSON object', 2);
        }
      }
      const c = {
        agent: o.agent as string,
        ...(o.user ? { user: o.user as string } : {}),
        ...(o.group ? { groups: o.group as string[] } : {}),
        ...(o.tool ? { tool: o.tool as string } : {}),
        ...(args ? { args } : {}),
        ...(o.resource ? { resource: o.resource as string } : {}),
        ...(o.server ? { server: o.server as string } : {}),
        ...(o.prompt ? { prompt: o.prompt as string } : {}),
        ...(o.completion ? { completion: true } : {}),
        expect: 'deny' as const,
      };
      if ([c.tool, c.resource, c.prompt].filter(Boolean).length !== 1)
        throw new CliError('give exactly one of --tool, --resource, --prompt', 2);
      if (c.completion && c.tool) throw new CliError('--completion needs --prompt or --resource, not --tool', 2);
      const out = await withGateway(loaded, false, (gw) => {
        const target = targetOf(gw, c);
        return { target, decision: gw.policy().evaluate(principalOf(c), target) };
      });
      if (o.json) return void process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      const t = out.target;
      const what =
        t.kind === 'tool'
          ? `tool ${t.name} (backend ${t.backend}, risk ${t.risk.level}${t.risk.categories.length ? ` ${t.risk.categories.join('/')}` : ''}, side effect ${t.risk.sideEffect})`
          : t.kind === 'resource'
            ? `resource ${t.server}:${t.uri}`
            : t.kind === 'prompt'
              ? `prompt ${t.name}`
              : `completion of ${t.ref.kind === 'prompt' ? `prompt ${t.ref.name}` : `resource ${t.ref.server}:${t.ref.uri}`}`;
      process.stdout.write(
        `effect: ${out.decision.effect}\nrule:   ${out.decision.rule}\ntarget: ${what}\nreasons:\n${out.decision.reasons.map((r) => `  - ${r}`).join('\n')}\n`,
      );
    });

  policy
    .command('test')
    .description('Run a YAML/JSON table of cases through the real decision; exit 1 on any mismatch')
    .argument(
      '<file>',
      'cases file: { cases: [{ agent, user?, groups?, tool|resource|prompt, completion?, args?, risk?, expect }] }',
    )
    .option('--offline', 'do not connect backends: tools are decided from the risk each case gives')
    .option(...cfgOption)
    .action(async (file: string, o: { config?: string; offline?: boolean }) => {
      const loaded = loadConfigOrThrow(configPath(o.config));
      let raw: unknown;
      try {
        raw = parseYaml(readFileSync(file, 'utf8'));
      } catch (e) {
        throw new CliError(`${file}: ${(e as Error).message}`, 2);
      }
      const parsed = policyCasesSchema.safeParse(raw);
      if (!parsed.success)
        throw new CliError(
          parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n'),
          2,
        );
      const results = await withGateway(loaded, o.offline === true, (gw) =>
        runCases(gw.policy(), parsed.data.cases, (c) => targetOf(gw, c)),
      );
      for (const r of results) {
        const want = `${r.want.effect}${r.want.rule ? ` (${r.want.rule})` : ''}`;
        process.stdout.write(
          r.ok
            ? `PASS ${r.name}: ${r.got.effect} (${r.got.rule})\n`
            : `FAIL ${r.name}: expected ${want}, got ${r.got.effect} (${r.got.rule}): ${r.got.reasons.join('; ')}\n`,
        );
      }
      const failed = results.filter((r) => !r.ok).length;
      process.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
      if (failed > 0) process.exitCode = 1;
    });

  policy
    .command('matrix')
    .description('Export the permission matrix (agent × tool, effect and rule) as CSV or JSON')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option(...cfgOption)
    .action(async (o: { config?: string; format: string }) => {
      if (o.format !== 'csv' && o.format !== 'json') throw new CliError('--format is csv or json', 2);
      const loaded = loadConfigOrThrow(configPath(o.config));
      const rows = await withGateway(loaded, false, (gw) =>
        permissionMatrix(gw.policy(), Object.keys(gw.config().config.agents), gw.catalog().entries().map(toolTargetOf)),
      );
      process.stdout.write(o.format === 'csv' ? matrixCsv(rows) : `${JSON.stringify({ rows }, null, 2)}\n`);
    });
}
