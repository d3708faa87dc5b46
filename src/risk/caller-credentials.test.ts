/**
 * Eighteenth round, step 2 (docs/risk.md, ADR 0008): once the OpenAPI import withholds the caller's own credential
 * parameters (an `X-Api-Key` or `Dev-Token` header) from the tool, the engine no longer reads them as credential
 * access, and a tool that was `high` only through them needs its own evidence. Invented tools: a bet or a wager
 * stakes money on an outcome (financial; E-Commerce Directive 2000/31/EC Art. 1(5)(d)), `regen` is the short form of
 * regenerate (a rotated secret is credential access), and a record merely naming a bet moves nothing.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { api, mcpSource as mcp, str, toolDef as def } from './test-support/schema-builders.js';

const num = { type: 'number' };

describe('betting stakes money', () => {
  it('placing a bet or a wager, or cashing one in, is financial and high', () => {
    const placed = classifyTool(
      def('createWager', 'Creates a wager on a match outcome.', { matchId: str(), amount: num, odds: num }),
      api('POST', '/wagers', 'createWager'),
    );
    expect(placed.categories).toContain('financial');
    expect(placed.level).toBe('high');
    const staked = classifyTool(def('place_bet', 'Places a bet on a race.', { runner: str(), stake: num }), mcp);
    expect(staked.categories).toContain('financial');
    expect(staked.level).toBe('high');
    const cashedOut = classifyTool(
      def('settleBet', 'Cash out a running bet at the offered value.', { value: num }),
      api('PUT', '/bets/{betId}/cashout', 'settleBet'),
    );
    expect(cashedOut.categories).toContain('financial');
  });

  it('listing bets is a read: financial only for changes', () => {
    const listed = classifyTool(
      def('listOpenBets', 'Lists the open bets of the account.', {}),
      api('GET', '/bets', 'listOpenBets'),
    );
    expect(listed.sideEffect).toBe('none');
    expect(listed.categories).not.toContain('financial');
  });
});

describe('regen is regenerate', () => {
  it('regenerating a secret or a key in its short form rotates a credential', () => {
    for (const [name, path] of [
      ['RegenClientSecret', '/apps/{id}/regen-secret'],
      ['regenApiKey', '/keys/{id}/regen'],
    ] as const) {
      const a = classifyTool(def(name, '', { id: str() }), api('PUT', path, name));
      expect(a.categories, name).toContain('credential-access');
      expect(a.level, name).toBe('high');
      expect(a.sideEffect, name).not.toBe('none');
    }
  });
});
