import type { CheckDef } from '../context.js';
import { approvalChecks } from './approvals.js';
import { auditChecks } from './audit.js';
import { authenticationChecks } from './authentication.js';
import { credentialChecks } from './credentials.js';
import { inventoryChecks } from './inventory.js';
import { permissionChecks } from './permissions.js';
import { reportChecks } from './reports.js';
import { riskChecks } from './risk.js';

/** Every deployment check, in report order. `reports.*` come last: they read the other results. */
export const deploymentChecks: readonly CheckDef[] = [
  ...authenticationChecks,
  ...inventoryChecks,
  ...riskChecks,
  ...permissionChecks,
  ...approvalChecks,
  ...auditChecks,
  ...credentialChecks,
  ...reportChecks,
];

/** Checks that need only a tool list (the funnel: `report --spec` / `--mcp`). */
export const inventoryOnlyChecks: readonly CheckDef[] = [
  ...inventoryChecks.filter((c) => c.id === 'inventory.descriptions' || c.id === 'inventory.poisoning'),
  ...riskChecks,
];
