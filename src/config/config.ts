import { z } from 'zod';
import { baseConfigShape } from './schema.js';

/**
 * The whole `portcullis.yaml` model. Each capability owns its section's schema;
 * this file only composes them.
 */
export const configSchema = z
  .object({
    ...baseConfigShape,
  })
  .strict();

export type PortcullisConfig = z.infer<typeof configSchema>;
