import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { BACKEND_SECTIONS, loadConfigFile, parseConfigText } from './load.js';
import { configJsonSchema } from './json-schema.js';

const issuesOf = (text: string, env: NodeJS.ProcessEnv = {}) => {
  try {
    parseConfigText(text, '/etc/portcullis.yaml', env);
  } catch (e) {
    if (e instanceof ConfigError) return e.issues;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('config loading', () => {
  it('applies defaults to what a config leaves out', () => {
    const c = parseConfigText('', 'x.yaml', {});
    expect(c.server).toMatchObject({ host: '127.0.0.1', port: 8080, maxBodyBytes: 1048576 });
    expect(c.upstreams).toEqual({});
  });

  it('names file, line, column and key path for a wrong type', () => {
    const [i] = issuesOf(`server:\n  port: "eighty"\n`);
    expect(i).toMatchObject({ file: '/etc/portcullis.yaml', line: 2, path: 'server.port' });
    expect(i!.message).toMatch(/number/);
  });

  it('takes an idle timeout for MCP sessions (default 30 minutes) and refuses one under a second, naming where', () => {
    expect(parseConfigText('', 'x.yaml', {}).server.sessionIdleTimeoutMs).toBe(30 * 60_000);
    expect(parseConfigText('server:\n  sessionIdleTimeoutMs: 5000\n', 'x.yaml', {}).server.sessionIdleTimeoutMs).toBe(
      5000,
    );
    const [low] = issuesOf(`server:\n  port: 8080\n  sessionIdleTimeoutMs: 0\n`);
    expect(low).toMatchObject({ file: '/etc/portcullis.yaml', line: 3, path: 'server.sessionIdleTimeoutMs' });
    expect(low!.message).toMatch(/0 is too small: the minimum is 1000/);
    const [text] = issuesOf(`server:\n  sessionIdleTimeoutMs: 30m\n`);
    expect(text).toMatchObject({ line: 2, path: 'server.sessionIdleTimeoutMs' });
    expect(text!.message).toMatch(/expected a number, got the string "30m"/);
    expect(issuesOf(`server:\n  sessionIdleTimeoutMs: 1500.5\n`)[0]!.message).toMatch(/expected an int/);
  });

  it('points at an unknown key (a typo is an error, never ignored)', () => {
    const i = issuesOf(`upstreams:\n  fs:\n    transport: stdio\n    comand: npx\n`).find((x) =>
      x.path.endsWith('comand'),
    );
    expect(i).toMatchObject({ line: 4, column: 5, path: 'upstreams.fs.comand' });
    expect(i!.message).toMatch(/unknown key "comand"/);
  });

  it('reports a missing required key at its parent', () => {
    const issues = issuesOf(`upstreams:\n  fs:\n    transport: stdio\n`);
    expect(issues.find((i) => i.path === 'upstreams.fs.command')).toMatchObject({ line: 3 });
  });

  it('rejects backend names that would make tool names ambiguous', () => {
    const [i] = issuesOf(`upstreams:\n  my_fs:\n    transport: stdio\n    command: x\n`);
    expect(i!.path).toBe('upstreams.my_fs');
    expect(i!.message).toMatch(/no "_"/);
  });

  it('reports YAML syntax errors with their line', () => {
    const [i] = issuesOf(`server:\n  port: [1, 2\n`);
    expect(i!.message).toMatch(/YAML syntax/);
    expect(i!.line).toBeGreaterThanOrEqual(2);
  });

  it('rejects duplicate keys', () => {
    expect(issuesOf(`server:\n  port: 1\n  port: 2\n`)[0]!.message).toMatch(/YAML syntax/);
  });

  it('interpolates ${ENV} and ${ENV:-default}, and names an unset variable', () => {
    const c = parseConfigText(
      `upstreams:\n  gh:\n    transport: http\n    url: \${GH_URL:-http://127.0.0.1:1/mcp}\n    headers:\n      Authorization: Bearer \${GH_TOKEN}\n`,
      'x.yaml',
      { GH_TOKEN: 't0k' },
    );
    expect(c.upstreams.gh).toMatchObject({ url: 'http://127.0.0.1:1/mcp', headers: { Authorization: 'Bearer t0k' } });
    const [i] = issuesOf(`dataDir: \${NOPE}/data\n`);
    expect(i).toMatchObject({ line: 1, path: 'dataDir' });
    expect(i!.message).toMatch(/NOPE is not set/);
  });

  it('key management skips the backend sections: their unset credentials are not needed there', () => {
    const text =
      `upstreams:\n  gh:\n    transport: http\n    url: \${GH_URL}\n    headers:\n      Authorization: Bearer \${GH_TOKEN}\n` +
      `openapi:\n  pay:\n    spec: \${SPEC_PATH}\nagents:\n  bot:\n    tools: { allow: ["gh_*"] }\ndataDir: \${DATA:-./d}\n`;
    expect(issuesOf(text).map((i) => i.path)).toEqual(
      expect.arrayContaining(['upstreams.gh.url', 'upstreams.gh.headers.Authorization', 'openapi.pay.spec']),
    );
    const c = parseConfigText(text, 'x.yaml', {}, { skipSections: BACKEND_SECTIONS });
    expect(Object.keys(c.agents)).toEqual(['bot']);
    expect(c.upstreams).toEqual({});
    expect(c.dataDir).toBe('./d');
    // Sections key management uses are still interpolated and checked.
    expect(() => parseConfigText(`dataDir: \${NOPE}\n`, 'x.yaml', {}, { skipSections: BACKEND_SECTIONS })).toThrow(
      /NOPE is not set/,
    );
  });

  it('resolves dataDir against the config file directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-cfg-'));
    writeFileSync(join(dir, 'portcullis.yaml'), 'dataDir: ./state\n');
    try {
      expect(loadConfigFile(join(dir, 'portcullis.yaml')).dataDir).toBe(join(dir, 'state'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a config file with no settings (empty, blank, comments only), naming the file: it is one read mid-write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-cfg-'));
    const file = join(dir, 'portcullis.yaml');
    try {
      for (const text of ['', ' \n\t\n', '\r\n', '# written next\n  # and this\n', '---\n~\n', 'null', '{} # none\n']) {
        writeFileSync(file, text);
        const e = (() => {
          try {
            loadConfigFile(file, {});
          } catch (x) {
            return x;
          }
          return undefined;
        })();
        expect([text, e]).toEqual([text, expect.any(ConfigError)]);
        expect((e as ConfigError).message).toBe(
          `${file}: (root): the config file has no settings (it is empty, or holds only comments): a gateway run from it would serve no upstream and admit no agent; if it is being written, try again once it is whole`,
        );
      }
      // One setting is a config (every other key has its default).
      for (const text of ['dataDir: ./state\n', '# a comment first\nagents: {}\n', '---\nserver: { port: 9000 }\n']) {
        writeFileSync(file, text);
        expect(loadConfigFile(file, {}).file).toBe(file);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('publishes a JSON Schema that describes the top-level keys', () => {
    const s = configJsonSchema() as { properties: Record<string, unknown>; additionalProperties: unknown };
    expect(Object.keys(s.properties)).toEqual(expect.arrayContaining(['server', 'upstreams', 'agents', 'dataDir']));
    expect(s.additionalProperties).toBe(false);
  });
});
