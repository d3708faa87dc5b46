import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { listRemoteTools } from '../../backends/mcp/list-remote.js';
import { fetchSigningKeys, verifyToolList, type JwkSet } from '../../signing/index.js';
import { CliError } from '../context.js';

type VerifyOpts = { url?: string; file?: string; jwks?: string; json?: boolean };

async function keysFrom(source: string): Promise<JwkSet> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new CliError(`${source}: HTTP ${res.status}`);
    return (await res.json()) as JwkSet;
  }
  return JSON.parse(readFileSync(source, 'utf8')) as JwkSet;
}

/**
 * `portcullis tools verify`: checks the signatures of served tool definitions, as a client would. Either connects to
 * a gateway as an agent (`--url`, agent key in PORTCULLIS_AGENT_KEY) and fetches its published keys, or reads a saved
 * `tools/list` result (`--file`) and keys from `--jwks` (a URL or a JWK set file). Exit 1 when any tool fails.
 */
export function registerVerify(group: Command): void {
  group
    .command('verify')
    .description(
      'Verify the Ed25519 signatures of served tool definitions: connect to a gateway as an agent (--url, key in $PORTCULLIS_AGENT_KEY) or read a saved tools/list JSON (--file); exit 1 if any fails',
    )
    .option('--url <mcp-url>', 'gateway MCP endpoint, e.g. https://gw.example/mcp')
    .option('--file <tools.json>', 'a saved tools/list result ({"tools": [...]}) or an array of tools')
    .option('--jwks <url-or-file>', 'the signing keys (default with --url: the gateway’s /.well-known/portcullis/tool-signing-keys)')
    .option('--json', 'JSON output')
    .action(async (opts: VerifyOpts) => {
      if (!opts.url === !opts.file) throw new CliError('give exactly one of --url or --file');
      let tools: unknown;
      let keys: JwkSet;
      if (opts.url) {
        const key = process.env.PORTCULLIS_AGENT_KEY;
        if (!key) throw new CliError('set PORTCULLIS_AGENT_KEY to an agent key to list the tools it is served');
        tools = await listRemoteTools(opts.url, { authorization: `Bearer ${key}` }).catch((e: unknown) => {
          throw new CliError(`${opts.url}: ${(e as Error).message}`);
        });
        keys = opts.jwks
          ? await keysFrom(opts.jwks)
          : await fetchSigningKeys(opts.url).catch((e: unknown) => {
              throw new CliError(`signing keys: ${(e as Error).message}`);
            });
      } else {
        if (!opts.jwks) throw new CliError('--file needs --jwks (a URL or a JWK set file)');
        try {
          tools = JSON.parse(readFileSync(opts.file!, 'utf8')) as unknown;
        } catch (e) {
          throw new CliError(`${opts.file}: ${(e as Error).message}`);
        }
        keys = await keysFrom(opts.jwks);
      }
      const r = verifyToolList(tools, keys);
      if (opts.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      else {
        for (const t of r.tools) process.stdout.write(`${t.ok ? 'OK  ' : 'FAIL'}\t${t.name}\t${t.ok ? t.kid : t.reason}\n`);
        const bad = r.tools.filter((t) => !t.ok).length;
        process.stdout.write(`${r.tools.length - bad} of ${r.tools.length} definitions verified\n`);
      }
      if (!r.ok) process.exitCode = 1;
    });
}
