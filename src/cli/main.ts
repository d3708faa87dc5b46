#!/usr/bin/env node
import { Command } from 'commander';
import { CliError } from './context.js';
import { packageVersion } from './version.js';
import { register as registerServe } from './commands/serve.js';
import { register as registerStdio } from './commands/stdio.js';
import { register as registerValidate } from './commands/validate.js';
import { register as registerAgents } from './commands/agents.js';
import { register as registerDemo } from './commands/demo.js';
import { register as registerSchema } from './commands/schema.js';
import { register as registerUsers } from './commands/users.js';
import { register as registerAudit } from './commands/audit.js';
import { register as registerImportOpenApi } from './commands/import-openapi.js';
import { register as registerScan } from './commands/scan.js';
import { register as registerStorage } from './commands/storage.js';
import { register as registerPolicy } from './commands/policy.js';
import { register as registerSecrets } from './commands/secrets.js';
import { register as registerInit } from './commands/init.js';
import { register as registerApprovals } from './commands/approvals.js';
import { register as registerReport } from './commands/report.js';
import { isGatewayError } from '../core/errors.js';

const program = new Command()
  .name('portcullis')
  .description('MCP security gateway: authenticate agents, authorize and audit every tool call')
  .version(packageVersion())
  .showHelpAfterError()
  // A command's options belong to it, not to its parent (`report ack CHECK -c FILE` next to `report -c FILE`).
  .enablePositionalOptions();

registerInit(program);
registerServe(program);
registerStdio(program);
registerDemo(program);
registerValidate(program);
registerAgents(program);
registerUsers(program);
registerSchema(program);
registerAudit(program);
registerImportOpenApi(program);
registerScan(program);
registerStorage(program);
registerPolicy(program);
registerSecrets(program);
registerApprovals(program);
registerReport(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CliError) {
    process.stderr.write(`portcullis: ${e.message}\n`);
    process.exit(e.exitCode);
  }
  // A gateway error at startup (e.g. the audit log refuses to open): its detail is what the operator needs.
  if (isGatewayError(e)) {
    process.stderr.write(`portcullis: ${e.message}${e.detail ? `: ${e.detail}` : ''}\n`);
    process.exit(1);
  }
  process.stderr.write(`portcullis: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
