import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { listRemoteDefinitions } from '../../backends/mcp/list-remote.js';
import { fetchSigningKeys, verifyDefinitionList, type JwkSet } from '../../signing/index.js';
import { CliError } from '../context.js';

type VerifyOpts = { url?: string; file?: string; jwks?: string; json?: boolean };

async function keysFrom(source: string): Promise<JwkSet> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source).catch((e: unknown) => {
      throw new CliError(`${source}: ${(e as Error).message}`);
    });
    if (!res.ok) throw new CliError(`${source}: HTTP ${res.status}`);
    return (await res.json()) as JwkSet;
  }
  try {
    return JSON.parse(readFileSync(source, 'utf8')) as JwkSet;
  } catch (e) {
    throw new CliError(`${source}: ${(e as Error).message}`);
  }
}

/**
 * `portcullis tools verify`: checks the signatures of served tool and prompt definitions, as a client would. Either
 * connects to a gateway as an agent (`--url`, agent key in PORTCULLIS_AGENT_KEY) and fetches its published keys, or
 * reads a saved `tools/list` / `prompts/list` result (`--file`) and keys from `--jwks`. Exit 1 when any fails.
 */
export function registerVerify(group: Command): void {
  group
    .command('verify')
    .description(
      'Verify the Ed25519 signatures of served tool and prompt definitions: connect to a gateway as an agent (--url, key in $PORTCULLIS_AGENT_KEY) or read a saved tools/list JSON (--file); exit 1 if any fails',
    )
    .option('--url <mcp-url>', 'gateway MCP endpoint, e.g. https://gw.example/mcp')
    .option('--file <list.json>', 'a saved tools/list or prompts/list result ({"tools": [...]}) or an array of tools')
    .option(
      '--jwks <url-or-file>',
      'the signing keys (default with --url: the gateway’s /.well-known/portcullis/tool-signing-keys)',
    )
    .option('--json', 'JSON output')
    .action(async (opts: VerifyOpts) => {
      if (!opts.url === !opts.file) throw new CliError('give exactly one of --url or --file');
      let listing: unknown;
      let keys: JwkSet;
      if (opts.url) {
        const key = process.env.PORTCULLIS_AGENT_KEY;
        if (!key) throw new CliError('set PORTCULLIS_AGENT_KEY to an agent key to list what it is served');
        listing = await listRemoteDefinitions(opts.url, { authorization: `Bearer ${key}` }).catch((e: unknown) => {
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
          listing = JSON.parse(readFileSync(opts.file!, 'utf8')) as unknown;
        } catch (e) {
          throw new CliError(`${opts.file}: ${(e as Error).message}`);
        }
        keys = await keysFrom(opts.jwks);
      }
      const r = verifyDefinitionList(listing, keys);
      if (opts.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      else {
        for (const d of r.definitions)
          process.stdout.write(`${d.ok ? 'OK  ' : 'FAIL'}\t${d.kind}\t${d.name}\t${d.ok ? d.kid : d.reason}\n`);
        const bad = r.definitions.filter((d) => !d.ok).length;
        process.stdout.write(`${r.definitions.length - bad} of ${r.definitions.length} definitions verified\n`);
      }
      if (!r.ok) process.exitCode = 1;
    });
}
