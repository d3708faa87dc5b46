/** Table of config mistakes and the exact words each one gets: typo -> suggestion, bad value -> echoed. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { parseConfigText } from './load.js';
import { closest } from './suggest.js';

function firstIssue(text: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    parseConfigText(text, 'portcullis.yaml', env);
  } catch (e) {
    if (e instanceof ConfigError) return `${e.issues[0]!.path}: ${e.issues[0]!.message}`;
    throw e;
  }
  throw new Error('config was accepted');
}

const agentWith = (tools: string) => `agents:\n  bot:\n    tools:\n${tools}`;

describe('config mistakes, in plain words', () => {
  it.each([
    ['typo in a top-level key', 'upstream: {}\n', 'upstream: unknown key "upstream" (did you mean "upstreams"?)'],
    ['typo in a nested key', 'server:\n  prot: 8080\n', 'server.prot: unknown key "prot" (did you mean "port"?)'],
    [
      'typo under an agent',
      agentWith('      alow: ["x_*"]\n'),
      'agents.bot.tools.alow: unknown key "alow" (did you mean "allow"?)',
    ],
    [
      'unknown key, nothing close: the valid keys are listed',
      agentWith('      zzzzzzzz: []\n'),
      'agents.bot.tools.zzzzzzzz: unknown key "zzzzzzzz"; valid keys: allow, deny',
    ],
    [
      'bad enum value echoed with a suggestion',
      'users:\n  alice: { roles: [adminn] }\n',
      'users.alice.roles.0: "adminn" is not allowed here; expected one of: admin, auditor, approver (did you mean "admin"?)',
    ],
    [
      'bad enum value, nothing close',
      'users:\n  alice: { roles: [root] }\n',
      'users.alice.roles.0: "root" is not allowed here; expected one of: admin, auditor, approver',
    ],
    [
      'bad transport echoed with a suggestion',
      'upstreams:\n  fs: { transport: stdi, command: x }\n',
      'upstreams.fs.transport: transport "stdi" is not one of: stdio, http, sse (did you mean "stdio"?)',
    ],
    ['wrong type echoed', 'server:\n  port: "eighty"\n', 'server.port: expected a number, got the string "eighty"'],
    ['number out of range', 'server:\n  port: 99999\n', 'server.port: 99999 is too large: the maximum is 65535'],
    [
      'missing required key',
      'upstreams:\n  fs: { transport: stdio }\n',
      'upstreams.fs.command: required key is missing (expected a string)',
    ],
    [
      'a value from the environment is never echoed',
      'server:\n  port: ${PORT}\n',
      'server.port: expected a number, got the string (a value from the environment, not shown)',
    ],
  ])('%s', (_what, text, expected) => {
    expect(firstIssue(text, { PORT: 'secret-looking-value' })).toBe(expected);
  });

  it('suggests only likely typos', () => {
    expect(closest('upstream', ['upstreams', 'users'])).toBe('upstreams');
    expect(closest('tools', ['prompts', 'resources'])).toBeUndefined();
    expect(closest('aprover', ['admin', 'auditor', 'approver'])).toBe('approver');
    expect(closest('porn', ['port'])).toBe('port');
    expect(closest('x', ['port'])).toBeUndefined();
  });
});
