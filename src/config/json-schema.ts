import { z } from 'zod';
import { configSchema } from './config.js';

/** The published JSON Schema of portcullis.yaml, for editors (yaml-language-server) and CI linting. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://portcullis.dev/schema/portcullis.schema.json',
    title: 'Portcullis gateway configuration (portcullis.yaml)',
  };
}
