import { z } from 'zod';

/**
 * `upstreams.<name>.pool` (stdio only): how many processes serve the upstream. `shared` (default) is one process for
 * every agent; `pool` is `size` interchangeable processes, each call going to the least busy (or the next, with
 * `round-robin`) ready one; `per-agent` gives each agent its own process (started at its first call, stopped when
 * idle), so what one agent does to its process (state, a crash) never reaches another agent's calls.
 */
export const upstreamPoolSchema = z
  .object({
    mode: z
      .enum(['shared', 'pool', 'per-agent'])
      .default('shared')
      .describe('shared: one process for all agents; pool: `size` processes; per-agent: one process per agent'),
    size: z.number().int().min(1).max(64).default(2).describe('pool: how many processes run'),
    strategy: z
      .enum(['least-busy', 'round-robin'])
      .default('least-busy')
      .describe('pool: which ready process takes a call: the one with the fewest calls in flight, or the next in turn'),
    maxProcesses: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(32)
      .describe(
        'per-agent: most agent processes at once; a new agent stops the least recently used idle one, or is refused',
      ),
    idleMs: z
      .number()
      .int()
      .min(1000)
      .default(600_000)
      .describe("per-agent: stop an agent's process after this long without calls, in ms"),
  })
  .strict()
  .describe('How many processes serve this stdio upstream: shared (default), a pool, or one per agent');

export type UpstreamPoolConfig = z.infer<typeof upstreamPoolSchema>;
export const sharedPool: UpstreamPoolConfig = upstreamPoolSchema.parse({});
