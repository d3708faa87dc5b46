/** OpenAPI backends: import a spec into tools, and serve them as a Backend. */
import type { BackendTool } from '../../core/tool.js';
import { importSpec } from './import-spec.js';

export { createOpenApiBackend } from './backend.js';
export { openApiBackendConfigSchema, type OpenApiBackendConfig } from './config.js';
export { importSpec, type ImportedSpec, type ImportOptions } from './import-spec.js';

/**
 * Imports an OpenAPI 3.0 / 3.1 or Swagger 2.0 document (JSON or YAML; file path or URL).
 * `operations` counts every operation in the document, before include/exclude.
 */
export async function importOpenApiSpec(
  source: string,
  options: { include?: string[]; exclude?: string[]; baseUrl?: string; name?: string } = {},
): Promise<{ tools: BackendTool[]; warnings: string[]; operations: number }> {
  const spec = await importSpec(source, options);
  return { tools: spec.tools, warnings: spec.warnings, operations: spec.operations };
}
