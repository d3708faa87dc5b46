import type { Command } from 'commander';
import { configJsonSchema } from '../../config/json-schema.js';

export function register(program: Command): void {
  program
    .command('schema')
    .description('Print the JSON Schema of portcullis.yaml (also published as schema/portcullis.schema.json)')
    .action(() => {
      process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    });
}
