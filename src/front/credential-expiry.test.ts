import { describe, expect, it } from 'vitest';
import { endAtExpiry } from './credential-expiry.js';

function stream() {
  const s = { ended: 0, close: () => {}, end: () => void s.ended++, onClose: (l: () => void) => void (s.close = l) };
  return s;
}
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('endAtExpiry', () => {
  it('ends a stream whose credential has already expired at once', () => {
    const s = stream();
    endAtExpiry(Date.now() - 1, s);
    expect(s.ended).toBe(1);
  });
  it('ends it when the credential expires, once', async () => {
    const s = stream();
    endAtExpiry(Date.now() + 40, s);
    expect(s.ended).toBe(0);
    await wait(120);
    expect(s.ended).toBe(1);
  });
  it('does nothing once the stream has closed, or for a credential without an end', async () => {
    const closed = stream();
    endAtExpiry(Date.now() + 40, closed);
    closed.close();
    const endless = stream();
    endAtExpiry(undefined, endless);
    await wait(120);
    expect(closed.ended + endless.ended).toBe(0);
  });
  it('a credential valid for longer than a timer can wait (a year-long certificate) does not end the stream now', async () => {
    const s = stream();
    endAtExpiry(Date.now() + 365 * 24 * 3600_000, s);
    await wait(20);
    expect(s.ended).toBe(0);
    s.close();
  });
});
