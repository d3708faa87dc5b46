// A failed shutdown exits non-zero with its reason on stderr. Before, `stdio` exited 0 whatever closing did (an audit
// flush that failed included), and `serve` exited 1 without a word.
import { describe, expect, it } from 'vitest';
import { exitWhenStopped } from './exit.js';

const run = async (stop: () => Promise<void>) => {
  const codes: number[] = [];
  let stderr = '';
  await exitWhenStopped(
    stop,
    (code) => void codes.push(code),
    (t) => void (stderr += t),
  );
  return { codes, stderr };
};

describe('exitWhenStopped', () => {
  it('exits 0 after a clean stop, saying nothing', async () => {
    expect(await run(() => Promise.resolve())).toEqual({ codes: [0], stderr: '' });
  });

  it('exits 1 after a failed stop, with the first line of its reason on stderr (bounded)', async () => {
    const failed = await run(() =>
      Promise.reject(
        new Error('audit: records not committed: SQLITE_BUSY: database is locked\n    at commit (x.js:1)'),
      ),
    );
    expect(failed).toEqual({
      codes: [1],
      stderr: 'portcullis: shutdown failed: audit: records not committed: SQLITE_BUSY: database is locked\n',
    });
    const long = await run(() => Promise.reject(new Error('x'.repeat(5000))));
    expect(long.codes).toEqual([1]);
    expect(long.stderr.length).toBeLessThan(600);
  });
});
