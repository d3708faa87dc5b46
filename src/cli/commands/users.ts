import type { Command } from 'commander';
import { registerKeyCommands } from './keys.js';

export function register(program: Command): void {
  registerKeyCommands(program, 'user');
}
