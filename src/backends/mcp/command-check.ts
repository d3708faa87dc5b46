import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { PortcullisConfig } from '../../config/config.js';
import type { Located } from '../../config/warnings.js';

/** True when `file` is a regular file this process may execute. */
function executable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why a stdio upstream's command would not start, found before the gateway tries (`validate`): a bare name that is on
 * no directory of the PATH the upstream gets (its own `env.PATH`, else the gateway's), or a path that is not an
 * executable file (relative paths from the upstream's working directory, as the spawn resolves them). Only the
 * command is named: never an argument, an env value or the PATH (config values only, no secrets).
 */
export function stdioCommandWarnings(
  c: PortcullisConfig,
  baseDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Located[] {
  const out: Located[] = [];
  for (const [name, u] of Object.entries(c.upstreams)) {
    if (u.transport !== 'stdio') continue;
    const cwd = u.cwd ? resolve(baseDir, u.cwd) : baseDir;
    const path = ['upstreams', name, 'command'];
    if (u.command.includes('/') || (process.platform === 'win32' && u.command.includes('\\'))) {
      const file = isAbsolute(u.command) ? u.command : resolve(cwd, u.command);
      if (!executable(file))
        out.push({
          path,
          message: `command "${u.command}" is not an executable file (from ${cwd}): upstream "${name}" will not start`,
        });
      continue;
    }
    const dirs = (u.env.PATH ?? env.PATH ?? '').split(delimiter).filter(Boolean);
    const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
    if (!dirs.some((d) => exts.some((x) => executable(join(resolve(cwd, d), u.command + x)))))
      out.push({
        path,
        message: `command "${u.command}" is not on the PATH: upstream "${name}" will not start (install it, or give its full path)`,
      });
  }
  return out;
}
