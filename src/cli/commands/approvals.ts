import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Approval } from '../../core/approval.js';
import { loadConfigFile } from '../../config/load.js';
import { CliError, configPath } from '../context.js';

interface Conn {
  url?: string;
  keyFile?: string;
  config?: string;
  json?: boolean;
}

/** The gateway's base URL: --url, $PORTCULLIS_URL, else the config's server host and port. */
function baseUrl(o: Conn): string {
  const explicit = o.url ?? process.env.PORTCULLIS_URL;
  if (explicit) return explicit.replace(/\/+$/, '').replace(/\/mcp$/, '');
  const file = configPath(o.config);
  if (existsSync(file)) {
    try {
      const { server } = loadConfigFile(file).config;
      const host = server.host === '0.0.0.0' || server.host === '::' ? '127.0.0.1' : server.host;
      if (server.port !== 0)
        return `${server.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${server.port}`;
    } catch {
      // fall through to the message below
    }
  }
  throw new CliError('where is the gateway? pass --url http://HOST:PORT or set PORTCULLIS_URL', 2);
}

/** A user API key (`portcullis users create NAME`): from --key-file or $PORTCULLIS_API_KEY (never an argument). */
function apiKey(o: Conn): string {
  const key = o.keyFile ? readFileSync(o.keyFile, 'utf8').trim() : process.env.PORTCULLIS_API_KEY;
  if (!key) throw new CliError('a user API key is needed: set PORTCULLIS_API_KEY or pass --key-file FILE', 2);
  return key;
}

async function api(o: Conn, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const url = `${baseUrl(o)}${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${apiKey(o)}`,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot reach ${url}: ${(e as Error).message}`);
  }
  const data = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
  if (!res.ok) {
    const what = `${res.status} ${data?.error?.code ?? ''}: ${data?.error?.message ?? res.statusText}`.trim();
    // A refused key: say which one and what is needed (a person's key; agent keys are refused), never the key itself.
    const hint =
      res.status === 401
        ? ` (the key from ${o.keyFile ? `--key-file ${o.keyFile}` : '$PORTCULLIS_API_KEY'} is not a user key of this gateway: create one with portcullis users create NAME; agent keys are refused)`
        : '';
    throw new CliError(what + hint, 1);
  }
  return data;
}

const print = (s: string): void => void process.stdout.write(`${s}\n`);

function details(a: Approval): string {
  const lines = [
    `approval   ${a.id}  ${a.status.toUpperCase()}`,
    `call       ${a.tool} (backend ${a.backend}) by agent ${a.agent}${a.user ? ` for user ${a.user}` : ''}`,
    `arguments  ${JSON.stringify(a.arguments)}`,
    `digest     sha256:${a.argsDigest}  (policy ${a.policyVersion})`,
    `risk       ${a.risk.level}${a.risk.categories.length ? ` (${a.risk.categories.join(', ')})` : ''}, side effect ${a.risk.sideEffect}`,
    ...a.risk.reasons.map((r) => `           - ${r}`),
    `rule       ${a.rule}`,
    `needs      ${a.requiredApprovals.quorum} approval(s)${a.requiredApprovals.groups ? `, one from each of: ${a.requiredApprovals.groups.join(', ')}` : ''}${a.approvers ? `; approvers: ${[...a.approvers.users, ...a.approvers.groups.map((g) => `group ${g}`)].join(', ')}` : ''}`,
    `created    ${a.createdAt}`,
    `expires    ${a.expiresAt}`,
    ...a.decisions.map((d) => `decision   ${d.at}  ${d.by}: ${d.decision}${d.comment ? ` - ${d.comment}` : ''}`),
    ...(a.executedAt ? [`executed   ${a.executedAt} (${a.outcome ?? '?'})`] : []),
  ];
  return lines.join('\n');
}

/**
 * `portcullis approvals list|show|approve|deny`: the approver's side, through the running gateway's REST API
 * (`/api/v1/approvals`) with a user API key, so the gateway checks who decides (roles, groups, self-approval).
 */
export function register(program: Command): void {
  const cmd = program
    .command('approvals')
    .description('List, inspect and decide held calls (through the running gateway, with a user API key)')
    .addHelpText(
      'after',
      '\nThe key comes from $PORTCULLIS_API_KEY or --key-file (portcullis users create NAME); the gateway from\n' +
        '--url, $PORTCULLIS_URL, or the host and port in the config file.',
    );
  const conn = (c: Command) =>
    c
      .option('--url <url>', 'gateway base URL (default: $PORTCULLIS_URL, else server host:port from the config)')
      .option('--key-file <file>', 'file holding a user API key (default: $PORTCULLIS_API_KEY)')
      .option(
        '-c, --config <file>',
        'config file, for the gateway address (default: $PORTCULLIS_CONFIG or ./portcullis.yaml)',
      )
      .option('--json', 'print JSON');

  conn(cmd.command('list').description('List approval requests, newest first'))
    .option('--status <status>', 'pending, approved, denied, expired, executing or executed')
    .option('--limit <n>', 'at most this many (1-500)', '50')
    .action(async (o: Conn & { status?: string; limit: string }) => {
      const q = new URLSearchParams({ limit: o.limit, ...(o.status ? { status: o.status } : {}) });
      const page = (await api(o, 'GET', `/api/v1/approvals?${q.toString()}`)) as {
        items: Approval[];
        nextCursor?: string;
      };
      if (o.json) return print(JSON.stringify(page, null, 2));
      if (page.items.length === 0) return print(`no ${o.status ?? ''} approval requests`.replace('  ', ' '));
      for (const a of page.items)
        print(
          `${a.id}  ${a.status.padEnd(9)} ${a.tool.padEnd(28)} ${a.agent}${a.user ? `/${a.user}` : ''}  ` +
            `${a.decisions.filter((d) => d.decision === 'approve').length}/${a.requiredApprovals.quorum}  expires ${a.expiresAt}`,
        );
    });

  conn(cmd.command('show').description('Show one request: the exact call, its risk and reasons, the decisions'))
    .argument('<id>', 'approval id (apr_...)')
    .action(async (id: string, o: Conn) => {
      const a = (await api(o, 'GET', `/api/v1/approvals/${encodeURIComponent(id)}`)) as Approval;
      print(o.json ? JSON.stringify(a, null, 2) : details(a));
    });

  for (const verb of ['approve', 'deny'] as const)
    conn(cmd.command(verb).description(verb === 'approve' ? 'Approve a pending request' : 'Deny a pending request'))
      .argument('<id>', 'approval id (apr_...)')
      .option('-m, --comment <text>', 'why (recorded in the audit log)')
      .action(async (id: string, o: Conn & { comment?: string }) => {
        const a = (await api(o, 'POST', `/api/v1/approvals/${encodeURIComponent(id)}/${verb}`, {
          ...(o.comment ? { comment: o.comment } : {}),
        })) as Approval;
        print(o.json ? JSON.stringify(a, null, 2) : `${a.id} is now ${a.status}\n${details(a)}`);
      });
}
