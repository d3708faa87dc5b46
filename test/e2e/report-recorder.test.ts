/**
 * A running gateway grows the score's trend on its own (`report.recordEveryMinutes`): nothing posts to
 * `/api/v1/report/history`, and the history gets its entry, once per interval. The gateway runs in this process so
 * that its recorder can look every 50 ms instead of every minute.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { queryAudit } from '../../src/audit/query.js';
import { loadConfigFile } from '../../src/config/load.js';
import { runGateway, type Running } from '../../src/cli/runtime.js';
import { eventually, stdioUpstream, tempDir } from './harness.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function gateway(report: string): Promise<Running> {
  const dir = tempDir('portcullis-recorder-');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'portcullis.yaml');
  writeFileSync(
    file,
    `server: { port: 0 }
dataDir: data
upstreams:
${stdioUpstream('t')}
agents:
  bot:
    tools: { allow: ["t_echo"] }
${report}
`,
  );
  const running = await runGateway(loadConfigFile(file, process.env, { requireLocalFiles: true }), {
    watch: false,
    scoreCheckMs: 50,
  });
  cleanups.push(() => running.stop());
  return running;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the score recorder of a running gateway', () => {
  it('records the score by default, once per interval', async () => {
    const running = await gateway('');
    expect(running.gw.config().config.report.recordEveryMinutes).toBe(60);
    const history = await eventually(
      async () => {
        const h = await running.gw.store.report.scores(10);
        return h.length > 0 ? h : undefined;
      },
      20_000,
      50,
    );
    expect(history).toHaveLength(1);
    expect(history![0]!.score).toBeGreaterThanOrEqual(0);
    // Its audit record follows the store: one, saying what was stored.
    const reader = running.gw.store.audit.openReadonly();
    cleanups.push(() => reader.close());
    const recorded = async () => (await queryAudit(reader, { type: 'report.score.recorded' })).records;
    await eventually(async () => (await recorded()).length > 0, 20_000, 50);
    await pause(500); // ten more looks: the score is not due again within the hour
    expect(await running.gw.store.report.scores(10)).toHaveLength(1);
    const records = await recorded();
    expect(records).toHaveLength(1);
    expect(records[0]!.detail).toEqual({
      at: history![0]!.at,
      score: history![0]!.score,
      grade: history![0]!.grade,
      via: 'recorder',
      everyMinutes: 60,
    });
  }, 60_000);

  it('records nothing with recordEveryMinutes: 0', async () => {
    const running = await gateway('report: { recordEveryMinutes: 0 }');
    await pause(500);
    expect(await running.gw.store.report.scores(10)).toEqual([]);
  }, 60_000);
});
