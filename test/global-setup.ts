import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** E2E tests drive the built CLI: build once before any test runs. */
export default function setup(): void {
  const root = resolve(import.meta.dirname, '..');
  const tsc = (project: string) =>
    spawnSync(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', project], {
      cwd: root,
      encoding: 'utf8',
    });
  const r = tsc('tsconfig.build.json');
  // tsc emits even when some file has type errors; the typecheck step of `npm test` reports those.
  if (!existsSync(resolve(root, 'dist/cli/main.js'))) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
  // The package's type declarations: test/e2e/package.test.ts packs them and type-checks a consumer against them.
  tsc('tsconfig.types.json');
}
