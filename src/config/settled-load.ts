import { setTimeout as sleep } from 'node:timers/promises';
import { resolve } from 'node:path';
import { ConfigError } from './errors.js';
import { loadConfigText, readConfigText, type LoadedConfig, type LoadOptions } from './load.js';

export interface SettleOptions {
  /** How long to wait before reading a file that failed validation again (default 500 ms). */
  settleMs?: number;
  /** How many times at most to read it again while its content keeps changing (default 4). */
  rounds?: number;
  /** Waits `ms` (tests replace it with a step of their own). */
  wait?: (ms: number) => Promise<unknown>;
}

/**
 * Loads a config file for a hot reload, waiting out a write in progress. A file read mid-write (an editor truncating
 * before it writes, `>` redirection, a writer flushing in pieces) is usually invalid, an empty one always
 * (`hasNoSettings`): when the text fails validation, it is read again after `settleMs`, and a changed text is validated
 * instead (at most `rounds` times). Only a text that stayed the same over a settle and still fails is rejected, with
 * its own errors. Returns the config and the text it was built from.
 */
export async function loadConfigSettled(
  file: string,
  env: NodeJS.ProcessEnv,
  options: LoadOptions,
  settle: SettleOptions = {},
): Promise<{ loaded: LoadedConfig; text: string }> {
  const { settleMs = 500, rounds = 4, wait = sleep } = settle;
  const abs = resolve(file);
  let text = readConfigText(abs);
  for (let round = 0; ; round++) {
    try {
      return { loaded: loadConfigText(abs, text, env, options), text };
    } catch (e) {
      if (!(e instanceof ConfigError) || round >= rounds) throw e;
      await wait(settleMs);
      const again = readConfigText(abs);
      if (again === text) throw e;
      text = again;
    }
  }
}
