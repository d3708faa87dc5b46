import { describe, expect, it } from 'vitest';
import type { Principal } from '../core/principal.js';
import { createLogger, logger, useLogger } from '../observability/logger.js';
import type { FrontDoorPort, ResourceSubscriber } from './port.js';
import { throughGate } from './resource-updates.js';

/**
 * A resource update is fire-and-forget (nobody awaits its delivery): a delivery check that fails, or a delivery that
 * throws (a session closing under it), is logged and delivers nothing; it never becomes an unhandled rejection,
 * which would end the gateway process.
 */
const subscriber: ResourceSubscriber = { principal: () => ({ agent: 'bot' }) as Principal, refused: new Set() };
const port = (allows: FrontDoorPort['resourceUpdates']['allows']) =>
  ({ resourceUpdates: { allows } }) as unknown as FrontDoorPort;

async function logged(run: () => void): Promise<string[]> {
  const lines: string[] = [];
  const before = logger();
  useLogger(createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } }));
  try {
    run();
    await new Promise((r) => setImmediate(r));
  } finally {
    useLogger(before);
  }
  return lines;
}

describe('a resource update through the delivery gate', () => {
  it.each([
    ['a delivery that throws after an asynchronous check', 'u1', () => Promise.resolve('deliver' as const)],
    ['a delivery that throws after a synchronous check', 'u2', () => 'deliver' as const],
  ])('%s is logged, not left unhandled', async (_, server, allows) => {
    const lines = await logged(() =>
      throughGate(port(allows), subscriber, server, 'file:///a', {
        deliver: () => {
          throw new Error('session closed');
        },
        lapsed: () => undefined,
      }),
    );
    expect(lines.join('')).toContain(
      `resource update from upstream ${server} not delivered to agent bot: session closed`,
    );
  });

  it('a check that fails delivers nothing and is logged', async () => {
    let delivered = false;
    const lines = await logged(() =>
      throughGate(
        port(() => Promise.reject(new Error('key store down'))),
        subscriber,
        'u3',
        'file:///a',
        {
          deliver: () => void (delivered = true),
          lapsed: () => undefined,
        },
      ),
    );
    expect(delivered).toBe(false);
    expect(lines.join('')).toContain('not delivered to agent bot: key store down');
  });
});
