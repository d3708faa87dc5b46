// Runs the official MCP conformance suite (via scripts/conformance.mjs) against the conformance fixture served
// directly over Streamable HTTP, for both protocol revisions, and checks that the runner itself fails when it must.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtureScript = join(root, 'test/fixtures/conformance-server/server.mjs');
const runnerScript = join(root, 'scripts/conformance.mjs');

interface Fixture {
  url: string;
  stop: () => Promise<void>;
}

/** Starts the fixture with `--http 0` and waits for its `listening <url>` line. */
function startFixture(extraArgs: string[] = []): Promise<Fixture> {
  const child: ChildProcess = spawn(process.execPath, [fixtureScript, '--http', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.once('exit', (code) => reject(new Error(`fixture exited with ${code}: ${stderr}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening (\S+)/.exec(stdout);
      if (!match?.[1]) return;
      child.removeAllListeners('exit');
      resolve({
        url: match[1],
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

function runRunner(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runnerScript, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('conformance suite against the fixture over Streamable HTTP', () => {
  let fixture: Fixture;
  let authFixture: Fixture;
  const token = 'fixture-token-0123456789';
  const tmp = mkdtempSync(join(tmpdir(), 'portcullis-conformance-test-'));

  beforeAll(async () => {
    [fixture, authFixture] = await Promise.all([startFixture(), startFixture(['--bearer', token])]);
  });

  afterAll(async () => {
    await Promise.all([fixture?.stop(), authFixture?.stop()]);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('passes both protocol revisions with only the listed expected failures', async () => {
    const { code, output } = await runRunner(['--url', fixture.url]);
    expect(output).toMatch(/## 2025-11-25: \d+ scenarios, \d+ checks passed, 0 failed/);
    expect(output).toMatch(/## 2026-07-28: \d+ scenarios, \d+ checks passed, \d+ failed/);
    expect(output).toContain('expected failure');
    expect(output).not.toContain('UNEXPECTED FAILURE');
    expect(output).not.toContain('STALE ENTRY');
    expect(output).toContain('conformance: PASS - 0 unexpected failures, 0 stale entries');
    expect(code).toBe(0);
  });

  it('adds --header values to every request without printing them', async () => {
    const withHeader = await runRunner([
      '--url',
      authFixture.url,
      '--revision',
      '2025-11-25',
      '--header',
      `Authorization: Bearer ${token}`,
    ]);
    expect(withHeader.output).toContain('adding headers via loopback proxy: authorization');
    expect(withHeader.output).toContain('conformance: PASS');
    expect(withHeader.output).not.toContain(token);
    expect(withHeader.code).toBe(0);

    const withoutHeader = await runRunner(['--url', authFixture.url, '--revision', '2025-11-25']);
    expect(withoutHeader.output).toContain('UNEXPECTED FAILURE server-initialize:');
    expect(withoutHeader.output).toMatch(/conformance: FAIL - [1-9]\d* unexpected failures/);
    expect(withoutHeader.code).toBe(1);
  });

  it('fails on a stale expected-failure entry', async () => {
    const file = join(tmp, 'stale.yaml');
    writeFileSync(
      file,
      'failures:\n  - id: tools-list\n    revisions: [2025-11-25]\n    reason: pretends tools/list is broken\n',
    );
    const { code, output } = await runRunner([
      '--url',
      fixture.url,
      '--revision',
      '2025-11-25',
      '--expected-failures',
      file,
    ]);
    expect(output).toContain('STALE ENTRY tools-list: scenario tools-list passes now');
    expect(output).toContain('conformance: FAIL - 0 unexpected failures, 1 stale entries');
    expect(code).toBe(1);
  });

  it('rejects an expected-failure entry without a reason before running anything', async () => {
    const file = join(tmp, 'no-reason.yaml');
    writeFileSync(file, 'failures:\n  - id: tools-list\n');
    const { code, output } = await runRunner(['--url', fixture.url, '--expected-failures', file]);
    expect(output).toContain('failures[0].reason is required');
    expect(code).toBe(2);
  });
});
