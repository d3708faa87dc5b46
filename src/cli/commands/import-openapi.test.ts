import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { register } from './import-openapi.js';

const petstore = fileURLToPath(new URL('../../../test/fixtures/specs/openapi/petstore-expanded.yaml', import.meta.url));

let dir: string;
let out: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portcullis-import-'));
  out = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  register(program);
  await program.parseAsync(['node', 'portcullis', 'import', 'openapi', ...args]);
}

describe('portcullis import openapi', () => {
  it('prints the inventory and adds the backend entry, keeping comments', async () => {
    const cfg = join(dir, 'portcullis.yaml');
    writeFileSync(
      cfg,
      '# gateway config\nserver:\n  port: 8080 # the port\nopenapi:\n  other:\n    spec: ./other.yaml\n',
    );
    await run(
      petstore,
      '--name',
      'pets',
      '--base-url',
      'http://127.0.0.1:9999/api',
      '--exclude',
      'method:DELETE',
      '--config',
      cfg,
    );
    const text = out.join('');
    expect(text).toMatch(/TOOL\s+METHOD\s+PATH\s+RISK/);
    expect(text).toMatch(/pets_findPets\s+GET\s+\/pets\s+(low|medium|high|critical)/);
    expect(text).not.toContain('pets_deletePet');
    expect(text).toContain('3 tool(s) from 4 operation(s)');
    const written = readFileSync(cfg, 'utf8');
    expect(written).toContain('# gateway config');
    expect(written).toContain('port: 8080 # the port');
    expect(parse(written).openapi).toEqual({
      other: { spec: './other.yaml' },
      pets: { spec: petstore, baseUrl: 'http://127.0.0.1:9999/api', exclude: ['method:DELETE'] },
    });
  });

  it('updates an existing entry in place, keeping its other keys and comments', async () => {
    const cfg = join(dir, 'portcullis.yaml');
    writeFileSync(
      cfg,
      'openapi:\n  pets:\n    # keep me\n    spec: old.yaml\n    exclude: [tag:x]\n    auth:\n      key: { credential: PET_KEY }\n',
    );
    await run(petstore, '--name', 'pets', '--include', 'op:find*,op:add*', '--config', cfg);
    const written = readFileSync(cfg, 'utf8');
    expect(written).toContain('# keep me');
    expect(parse(written).openapi.pets).toEqual({
      spec: petstore,
      include: ['op:find*', 'op:add*'],
      auth: { key: { credential: 'PET_KEY' } },
    });
  });

  it('creates the config file when it does not exist and writes paths relative to it', async () => {
    const cfg = join(dir, 'new.yaml');
    const spec = join(dir, 'spec.yaml');
    writeFileSync(spec, readFileSync(petstore));
    await run(spec, '--name', 'pets', '--config', cfg);
    expect(parse(readFileSync(cfg, 'utf8'))).toEqual({ openapi: { pets: { spec: './spec.yaml' } } });
  });

  it('refuses an invalid name and an unreadable spec', async () => {
    await expect(run(petstore, '--name', 'bad name', '--config', join(dir, 'c.yaml'))).rejects.toThrow(/--name/);
    await expect(
      run(petstore, '--name', 'x', '--base-url', 'ftp://h/', '--config', join(dir, 'c.yaml')),
    ).rejects.toThrow(/--base-url/);
    await expect(run(join(dir, 'missing.yaml'), '--name', 'x', '--config', join(dir, 'c.yaml'))).rejects.toThrow(
      /cannot import/,
    );
  });
});
