// The e2e harness's CLI runner: a run that outlasts its bound is an error naming the command, never an exit code.
import { describe, expect, it } from 'vitest';
import { cli, cliTimeoutMs } from './harness.js';

describe('cli()', () => {
  it('a run past its bound throws, naming the command and the bound', () => {
    const saved = process.env.PORTCULLIS_E2E_CLI_TIMEOUT_MS;
    process.env.PORTCULLIS_E2E_CLI_TIMEOUT_MS = '1';
    try {
      expect(() => cli(['--help'])).toThrow(/portcullis --help: did not exit within 1 ms/);
    } finally {
      if (saved === undefined) delete process.env.PORTCULLIS_E2E_CLI_TIMEOUT_MS;
      else process.env.PORTCULLIS_E2E_CLI_TIMEOUT_MS = saved;
    }
    expect(cli(['--help']).code).toBe(0);
  });

  it('the bound: the variable when set (checked), else 60 s scaled by load, at most 300 s', () => {
    expect(cliTimeoutMs({ PORTCULLIS_E2E_CLI_TIMEOUT_MS: '90000' })).toBe(90_000);
    expect(() => cliTimeoutMs({ PORTCULLIS_E2E_CLI_TIMEOUT_MS: '1m' })).toThrow(
      "PORTCULLIS_E2E_CLI_TIMEOUT_MS: a whole number of milliseconds above 0, not '1m'",
    );
    const scaled = cliTimeoutMs({});
    expect(scaled).toBeGreaterThanOrEqual(60_000);
    expect(scaled).toBeLessThanOrEqual(300_000);
  });
});
