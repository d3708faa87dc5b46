import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../config/errors.js';
import { loadConfigFile, type LoadedConfig, type LoadOptions } from '../config/load.js';
import { openStores } from '../storage/open-stores.js';
import type { Stores } from '../storage/repositories.js';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function configPath(opt: string | undefined): string {
  return resolve(opt ?? process.env.PORTCULLIS_CONFIG ?? 'portcullis.yaml');
}

export function loadConfigOrThrow(file: string, options: LoadOptions = {}): LoadedConfig {
  if (!existsSync(file))
    throw new CliError(`config file not found: ${file} (use --config FILE or set PORTCULLIS_CONFIG)`);
  try {
    return loadConfigFile(file, process.env, options);
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(e.message, 2);
    throw e;
  }
}

/** The configured stores (`storage:`); a schema error becomes a CLI error. */
export async function openStore(cfg: LoadedConfig): Promise<Stores> {
  try {
    return await openStores(cfg);
  } catch (e) {
    if (e instanceof Error && e.name === 'SchemaError') throw new CliError(e.message, 1);
    throw e;
  }
}
