// `portcullis init`: a commented starter config that validates as written and with its examples uncommented.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './harness.js';

const dir = tempDir('portcullis-init-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Uncomments the `#  key:` example blocks and opens the `{}` sections they belong to. */
function uncommentExamples(text: string): string {
  return text
    .split('\n')
    .map((l) => (/^# {2}/.test(l) ? l.slice(1) : l))
    .map((l) => l.replace(/^(upstreams|openapi|users|audit): \{\}$/, '$1:'))
    .join('\n');
}

describe('portcullis init', () => {
  it('writes a starter config that validates, asks nothing, and refuses to overwrite without --force', () => {
    const file = join(dir, 'portcullis.yaml');
    const r = cli(['init', '--config', file], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`wrote ${file}`);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# Portcullis gateway configuration/);
    expect(text).toContain('host: 127.0.0.1');

    const v = cli(['validate', '--config', file]);
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);

    writeFileSync(file, '# mine\n');
    const again = cli(['init', '--config', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${file} already exists; use --force to overwrite it`);
    expect(readFileSync(file, 'utf8')).toBe('# mine\n');

    const forced = cli(['init', '--config', file, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('names the JSON Schema shipped with the installation, which exists', () => {
    const file = join(dir, 'schema-ref.yaml');
    expect(cli(['init', '--config', file]).code).toBe(0);
    const ref = /\$schema=(\S+)/.exec(readFileSync(file, 'utf8'))?.[1];
    expect(ref).toBeDefined();
    expect(JSON.parse(readFileSync(ref!, 'utf8'))).toHaveProperty('properties.upstreams');
  });

  it('every commented example is valid config once uncommented', () => {
    const file = join(dir, 'examples.yaml');
    expect(cli(['init', '--config', file]).code).toBe(0);
    const full = uncommentExamples(readFileSync(file, 'utf8'));
    expect(full).toContain('  fs:\n    transport: stdio');
    writeFileSync(file, full);
    // The spec the openapi example names, with the tag and security scheme the example uses.
    mkdirSync(join(dir, 'specs'), { recursive: true });
    writeFileSync(
      join(dir, 'specs', 'billing.yaml'),
      `openapi: 3.0.3
info: { title: billing, version: "1" }
components: { securitySchemes: { bearerAuth: { type: http, scheme: bearer } } }
paths:
  /invoices:
    get: { operationId: listInvoices, tags: [invoices], responses: { "200": { description: ok } } }
`,
    );
    const v = cli(['validate', '--config', file], { env: { GITHUB_TOKEN: 'ghp_example' } });
    expect(v.stderr).toBe('');
    expect(v.stdout).toMatch(/valid \(2 upstream\(s\), 1 agent\(s\)\)/);
  });
});
