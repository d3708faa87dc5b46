import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { register } from './audit.js';

/**
 * `portcullis audit query|verify|export --help` says what `--config` is read for. It said "only its dataDir is read",
 * while the commands also read `storage` (a PostgreSQL deployment's chain is verified there, not in dataDir) and the
 * anchor files (`audit.anchorPath`, file sinks).
 */
describe('audit --help', () => {
  it.each(['query', 'verify', 'export'])('audit %s names what --config is read for', (name) => {
    const program = new Command();
    register(program);
    const audit = program.commands.find((c) => c.name() === 'audit')!;
    const option = audit.commands.find((c) => c.name() === name)!.options.find((o) => o.long === '--config')!;
    expect(option.description).toMatch(/\bstorage\b/);
    expect(option.description).toMatch(/anchorPath/);
    expect(option.description).not.toMatch(/only its dataDir/);
  });
});
