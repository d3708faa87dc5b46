import { statSync } from 'node:fs';

/**
 * Why a stdio upstream could not be started, in words a person can act on. Node's own message ("spawn npx-typo
 * ENOENT") names neither the cause nor the fix, and is the same for a missing command and a missing working
 * directory. Only the command and the working directory are named (config values, never an argument or an env
 * value, which may carry secrets). `undefined` for any error that is not a failed spawn.
 */
export function describeSpawnError(e: unknown, command: string, cwd: string): Error | undefined {
  const { code, syscall } = (e ?? {}) as NodeJS.ErrnoException;
  if (typeof syscall !== 'string' || !syscall.startsWith('spawn')) return undefined;
  if (code === 'ENOENT' && !isDirectory(cwd))
    return new Error(`working directory ${cwd} does not exist: set cwd (relative to the config file) to one that does`);
  if (code === 'ENOENT')
    return new Error(
      `command "${command}" not found: install it, or give its full path (it is looked up on the PATH of the Portcullis process)`,
    );
  if (code === 'EACCES')
    return new Error(
      `command "${command}" cannot be run (permission denied): make it executable, or run it through its interpreter (command: node, the script in args)`,
    );
  return undefined;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
