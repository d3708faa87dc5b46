import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { loadConfigSettled } from './settled-load.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const configFile = (text: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-settle-'));
  dirs.push(dir);
  const file = join(dir, 'portcullis.yaml');
  writeFileSync(file, text);
  return file;
};
const WHOLE = 'agents:\n  bot: { tools: { allow: ["t_*"] } }\n';

/** A writer's steps, one per settle: the reload's wait is where the writer gets on with the file. */
const steps = (file: string, texts: string[]) => {
  const waited: number[] = [];
  return {
    waited,
    wait: (ms: number) => {
      waited.push(ms);
      const next = texts.shift();
      if (next !== undefined) writeFileSync(file, next);
      return Promise.resolve();
    },
  };
};

describe('loading a config for a hot reload', () => {
  it('sees a file written in two steps whole: the truncated file is read again after the settle', async () => {
    const file = configFile(''); // step one: truncated, as an editor or `>` leaves it before writing
    const w = steps(file, [WHOLE]); // step two, written while the reload waits
    const { loaded, text } = await loadConfigSettled(file, {}, {}, { settleMs: 300, wait: w.wait });
    expect(Object.keys(loaded.config.agents)).toEqual(['bot']);
    expect(text).toBe(WHOLE);
    expect(w.waited).toEqual([300]);
  });

  it('follows a file written in pieces while it keeps changing', async () => {
    const file = configFile('agents:\n  bot: { tools: { al');
    const w = steps(file, ['agents:\n  bot: { tools: { allow: ["t', WHOLE]);
    const { loaded } = await loadConfigSettled(file, {}, {}, { wait: w.wait });
    expect(Object.keys(loaded.config.agents)).toEqual(['bot']);
    expect(w.waited).toEqual([500, 500]);
  });

  it('rejects a file that stays empty over a settle, naming it', async () => {
    const file = configFile('\n# nothing yet\n');
    const w = steps(file, []);
    const e = await loadConfigSettled(file, {}, {}, { wait: w.wait }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).issues).toEqual([
      expect.objectContaining({ file, path: '', message: expect.stringMatching(/^the config file has no settings/) }),
    ]);
    expect(w.waited).toEqual([500]);
  });

  it('rejects a file still changing after the last round with the errors of the last text read', async () => {
    const file = configFile('');
    const w = steps(file, ['agents: [', 'agents: {', 'agents: 3']);
    const e = await loadConfigSettled(file, {}, {}, { rounds: 2, wait: w.wait }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).message).toMatch(/YAML syntax/);
    expect(w.waited).toHaveLength(2);
  });

  it('reads a valid file once, without waiting', async () => {
    const file = configFile(WHOLE);
    const w = steps(file, []);
    await loadConfigSettled(file, {}, {}, { wait: w.wait });
    expect(w.waited).toEqual([]);
  });
});
