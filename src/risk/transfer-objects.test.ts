/**
 * What "transfer" moves (transfer-objects.ts, docs/risk.md): files, calls, numbers, plugins and projects are no money;
 * funds, balances, credits and crypto assets are. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('transfers of things that are not money', () => {
  it('transferring a file, a call, a phone number, a plugin or a project is a change without financial', () => {
    const results = [
      classifyTool(
        toolDef('transfer_file', 'Transfer a file to the remote host over SFTP.', { path: str() }),
        mcpSource,
      ),
      classifyTool(toolDef('transferCall', 'Transfer the call to another agent.', { callId: str() }), mcpSource),
      classifyOperation('POST /numbers/{number}/port', 'transferPhoneNumber', 'Transfer a phone number.', {
        number: str(),
        to: str(),
      }),
      classifyTool(toolDef('transfer_plugin', 'Moves a plugin between workspaces.', { id: str() }), mcpSource),
      classifyTool(toolDef('transfer_project', 'Transfer the project to another team.', { id: str() }), mcpSource),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).not.toContain('financial');
      expect(a.sideEffect).not.toBe('none');
    }
  });

  it('transferring funds, a balance, credits or a token stays financial', () => {
    const results = [
      classifyTool(toolDef('transfer_funds', 'Transfer funds to a file account.', { amount: str() }), mcpSource),
      classifyTool(toolDef('transfer_credits', 'Transfer credits between accounts.', { to: str() }), mcpSource),
      classifyTool(toolDef('transfer_token', 'Transfer a token to an address.', { to: str() }), mcpSource),
      classifyOperation('POST /transfers', 'createTransfer', 'Creates a transfer.', { amount: str() }),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).toContain('financial');
  });
});
