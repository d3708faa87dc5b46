import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../config/load.js';
import { stdioCommandWarnings } from './command-check.js';

const dir = mkdtempSync(join(tmpdir(), 'pc-command-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'server.sh'), '#!/bin/sh\n', { mode: 0o755 });
writeFileSync(join(dir, 'not-executable.sh'), '#!/bin/sh\n');
chmodSync(join(dir, 'not-executable.sh'), 0o644);

const upstream = (command: string, extra = '') =>
  parseConfigText(
    `upstreams:\n  tools:\n    transport: stdio\n    command: ${JSON.stringify(command)}\n${extra}`,
    join(dir, 'portcullis.yaml'),
  );

describe('stdio upstream commands checked by validate', () => {
  it('says so when a bare command is on no directory of the PATH', () => {
    expect(stdioCommandWarnings(upstream('portcullis-no-such-command'), dir, { PATH: dir })).toEqual([
      {
        path: ['upstreams', 'tools', 'command'],
        message:
          'command "portcullis-no-such-command" is not on the PATH: upstream "tools" will not start (install it, or give its full path)',
      },
    ]);
  });

  it('finds a command on the PATH, or on the PATH its own env sets', () => {
    expect(stdioCommandWarnings(upstream('server.sh'), dir, { PATH: dir })).toEqual([]);
    expect(
      stdioCommandWarnings(upstream('server.sh', `    env: { PATH: ${JSON.stringify(dir)} }\n`), dir, {
        PATH: '/nowhere',
      }),
    ).toEqual([]);
    expect(stdioCommandWarnings(upstream(process.execPath), dir, { PATH: '' })).toEqual([]);
  });

  it('checks a path from the working directory, and that it is executable', () => {
    expect(stdioCommandWarnings(upstream('./server.sh'), dir, {})).toEqual([]);
    const [missing] = stdioCommandWarnings(upstream('./gone.sh'), dir, {});
    expect(missing?.message).toBe(
      `command "./gone.sh" is not an executable file (from ${dir}): upstream "tools" will not start`,
    );
    expect(stdioCommandWarnings(upstream('./not-executable.sh'), dir, {})).toHaveLength(1);
  });
});
