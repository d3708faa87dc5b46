/**
 * Operation lists, coordinated predicates and money-movement verbs (tenth round), on invented tools: a noun-named tool
 * whose description lists a state-changing operation, a read coordinated with a change, and withdrawing or depositing
 * funds are changes; lists of things that are not operations, and coordinated objects, stay reads.
 */
import { describe, expect, it } from 'vitest';
import type { ToolDefinition, ToolSource } from '../core/tool.js';
import { classifyTool } from './classify.js';
import { operationListSignals } from './operation-lists.js';

const mcp: ToolSource = { kind: 'mcp', server: 'invented' };

function assess(name: string, description: string, properties: Record<string, unknown> = {}) {
  const tool: ToolDefinition = { name, description, inputSchema: { type: 'object', properties } };
  return classifyTool(tool, mcp);
}

describe('operation lists in descriptions', () => {
  it('a noun-named tool listing delete among its operations is destructive', () => {
    const a = assess('notebook', 'Notebook ops: list/get/export/rename/delete_cell. get is summary-first.');
    expect(a.sideEffect).toBe('irreversible');
    expect(a.categories).toContain('destructive');
    expect(a.level).toBe('high');
  });

  it('headed lists with commas or pipes count every change they list', () => {
    expect(operationListSignals('Actions: list, describe, create_bucket.').map((s) => s.cls)).toEqual(['create']);
    expect(operationListSignals('Bucket operations - get | list | purge').map((s) => s.cls)).toEqual(['delete']);
    expect(assess('queue', 'Queue commands: peek/list/send.').categories).toContain('external-communication');
  });

  it('lists that name no operations are no evidence', () => {
    expect(operationListSignals('Protocol: TCP/UDP/ICMP; streams input/output/error.')).toEqual([]);
    expect(operationListSignals('Use for event counts/statistics.')).toEqual([]);
    // Only one item is a verb: a list of fields, not of operations.
    expect(operationListSignals('Columns: name/created/delete_flag')).toEqual([]);
    expect(assess('metrics', 'Metric views: daily/weekly/monthly.').sideEffect).toBe('none');
  });

  it('a list in brackets after its heading counts as the headed list does (thirty-second round)', () => {
    const a = assess(
      'distill_and_apply_notes',
      'Distill facts from a conversation and decide the note operations (ADD, UPDATE, DELETE, NONE) in one step.',
    );
    expect(a.sideEffect, a.reasons.join(' | ')).toBe('irreversible');
    expect(a.categories).toContain('destructive');
    expect(a.level).toBe('high');
    expect(operationListSignals('Run player actions (play, pause, skip).').map((s) => s.cls)).toEqual([
      'trigger',
      'lifecycle',
      'update',
    ]);
    // Brackets that hold no operations, or a single verb, are no list.
    expect(operationListSignals('Checks agent actions (bash, file_write, http_request) for risk.')).toEqual([]);
    expect(operationListSignals('Lists supported modes (dark, light, contrast).')).toEqual([]);
    // Commands in brackets are examples of what a console takes, here ones the tool blocks.
    expect(operationListSignals('BLOCKED: System-altering commands (Z, CANCEL, FORCE, STOP)')).toEqual([]);
  });

  it('a GET operation keeps only the never-lowered operations of its list', () => {
    expect(operationListSignals('Ops: list/get/update/delete', true).map((s) => s.cls)).toEqual(['delete']);
  });
});

describe('coordinated predicates in the first sentence', () => {
  it('a read coordinated with a change after its object is a change', () => {
    expect(assess('record_tool', 'Fetch the record and delete it.').sideEffect).toBe('irreversible');
    expect(assess('ledger_tool', 'Looks up the ledger entry and sends it.').categories).toContain(
      'external-communication',
    );
  });

  it('a second object after "and" is no verb', () => {
    expect(assess('search_events', 'Search events and replays in the project.').sideEffect).toBe('none');
  });
});

describe('money-movement verbs (PSD2 Annex I, ISO 20022)', () => {
  it('withdrawing funds is a financial change, not a read', () => {
    const a = assess('chain_withdraw_from_account', 'Withdraw funds from a payment account.', {
      amount: { type: 'string' },
    });
    expect(a.sideEffect).not.toBe('none');
    expect(a.categories).toContain('financial');
    expect(a.level).toBe('high');
  });

  it('a money verb-noun opening the description with its object is the action', () => {
    const a = assess('wallet_tool', 'Deposit funds into the wallet from a linked bank account.');
    expect(a.categories).toContain('financial');
    expect(assess('card_tool', 'Charge the card on file.').categories).toContain('financial');
  });

  it('money nouns after a read verb stay reads', () => {
    expect(assess('list_deposits', 'Lists deposits of the account.').sideEffect).toBe('none');
    expect(assess('get_withdrawal', 'Get a withdrawal by id.').sideEffect).toBe('none');
    expect(assess('get_deposit_address', 'Returns the deposit address for a coin.').sideEffect).toBe('none');
  });
});
