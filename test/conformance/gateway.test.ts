// Runs the official MCP conformance suite against Portcullis itself: the gateway (real CLI, API-key auth,
// permissions on) in front of the conformance fixture spawned as a stdio upstream. Both protocol revisions.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, startGateway, type RunningGateway } from '../e2e/harness.js';

function runRunner(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/conformance.mjs'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('conformance suite against Portcullis in front of the fixture', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway(`
upstreams:
  test:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, 'conformance-server', 'server.mjs'))}, "--strip-prefix", "test_"]
agents:
  conformance:
    tools: { allow: ["*"] }
    prompts: { allow: ["*"] }
    resources: { allow: ["**"] }  # "*" stays within a path segment; "**" crosses
`);
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('passes both revisions with only the listed expected failures (and no stale entries)', async () => {
    const { code, output } = await runRunner([
      '--url',
      gw.url,
      '--header',
      `Authorization: Bearer ${gw.keys.conformance}`,
      '--expected-failures',
      join(ROOT, 'test/conformance/expected-failures.gateway.yaml'),
    ]);
    if (code !== 0)
      console.log(
        output
          .split('\n')
          .filter((l) => /UNEXPECTED|STALE|conformance:/.test(l))
          .join('\n'),
      );
    expect(output).not.toContain(gw.keys.conformance!);
    expect(output).toContain('conformance: PASS - 0 unexpected failures, 0 stale entries');
    expect(code).toBe(0);
  });
});
