import { describe, expect, it } from 'vitest';
import { GatewayError } from '../core/errors.js';
import type { Stage } from '../pipeline/stage.js';
import { limitsConfigSchema } from './config.js';
import { createLimiter } from './limiter.js';
import { createMemoryLimitStore } from './memory-store.js';
import { limitStage } from './stage.js';

type Call = Parameters<Stage['run']>[0];
const callOf = () =>
  ({
    principal: { agent: 'bot' },
    toolName: 'fs_read',
    record: { decision: 'allow', reasons: [] as string[] },
  }) as unknown as Call & { record: { decision: string; rule?: string; reasons: string[] } };

describe('limit stage', () => {
  it('a store that cannot answer refuses the call with store.unavailable and a denied record naming limits.store', async () => {
    const memory = createMemoryLimitStore();
    const down = { ...memory, take: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')) };
    const stage = limitStage(
      createLimiter(down, limitsConfigSchema.parse({ rate: [{ name: 'r', limit: 5, per: 'minute' }] })),
    );
    const call = callOf();
    const e: unknown = await Promise.resolve(stage.run(call)).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(GatewayError);
    expect(e).toMatchObject({ code: 'store.unavailable', detail: 'connect ECONNREFUSED 127.0.0.1:6379' });
    expect((e as GatewayError).message).toMatch(/Rate limits cannot be checked/);
    expect(call.record).toMatchObject({ decision: 'deny', rule: 'limits.store' });
    expect(call.record.reasons.join(' ')).toMatch(/limit store cannot answer/);
    await memory.close();
  });
});
