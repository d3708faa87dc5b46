/**
 * Fifteenth round, precision of money nouns (money-roles.ts, docs/risk.md financial), on invented tools: a card is a
 * board or dashboard item or a payment instrument kept on file, not money moving; a transaction rolled back or
 * committed is a database unit of work; a booked transaction edited or deleted is a record. Pay verbs, money fields
 * and new transactions still count. A subscription delivering events or messages (a callback, an event, message
 * types) is no paid plan. A public link, or moving an item to another collection, changes who can see a
 * thing (administrative).
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { api, mcpSource as mcp, str, toolDef as def } from './test-support/schema-builders.js';

describe('cards', () => {
  it('a card on a board or a dashboard is an item: changing it moves no money', () => {
    const board = classifyTool(def('update_card', 'Update a card on a kanban board.', { title: str() }), mcp);
    expect(board.categories).not.toContain('financial');
    expect(board.level).toBe('medium');
    const cover = classifyTool(
      def('updateCardCover', '', { color: str() }),
      api('PUT', '/cards/{id}/cover', 'updateCardCover'),
    );
    expect(cover.categories).not.toContain('financial');
    const removed = classifyTool(def('delete_card', 'Delete a card from a board.', { id: str() }), mcp);
    expect(removed.categories).toEqual(['destructive']);
  });

  it('a payment card kept on file is personal data, not money moving; charging one is', () => {
    const saved = classifyTool(
      def('addCard', 'Add a credit card to the profile.', { number: str('Card number'), expiry: str() }),
      api('POST', '/profiles/{id}/cards', 'addCard'),
    );
    expect(saved.categories).not.toContain('financial');
    const charged = classifyTool(def('charge_card', 'Charge a saved card.', { cardId: str(), amount: str() }), mcp);
    expect(charged.categories).toContain('financial');
    expect(charged.level).toBe('high');
  });
});

describe('transactions', () => {
  it('rolling back or committing a transaction ends a database unit of work: no money, no deployment', () => {
    for (const [name, description] of [
      ['RollbackTransaction', 'Performs a rollback of a transaction.'],
      ['commit_transaction', 'Commits the open transaction.'],
    ] as const) {
      const a = classifyTool(def(name, description, { transactionId: str() }), mcp);
      expect(a.categories, name).not.toContain('financial');
      expect(a.categories, name).not.toContain('infrastructure');
      expect(a.sideEffect, name).not.toBe('none');
    }
    // A deployment's rollback is still infrastructure.
    const deploy = classifyTool(def('rollback_deployment', 'Roll back a deployment.', { id: str() }), mcp);
    expect(deploy.categories).toContain('infrastructure');
  });

  it('editing or deleting a booked transaction changes a record; creating or refunding one moves money', () => {
    const memo = classifyTool(
      def('update_transaction', "Update a transaction's memo and category.", { memo: str(), category: str() }),
      mcp,
    );
    expect(memo.categories).not.toContain('financial');
    expect(memo.level).toBe('medium');
    const gone = classifyTool(def('', 'Deletes a transaction.', {}), api('DELETE', '/transactions/{id}', ''));
    expect(gone.categories).toEqual(['destructive']);
    const created = classifyTool(def('create_transaction', 'Create a transaction.', { payee: str() }), mcp);
    expect(created.categories).toContain('financial');
    const refund = classifyTool(def('refund_transaction', 'Refund a transaction.', { id: str() }), mcp);
    expect(refund.categories).toContain('financial');
    // Money fields still count on an edit.
    const amount = classifyTool(
      def('update_transaction', 'Update a transaction.', { amount: str(), currency: str() }),
      mcp,
    );
    expect(amount.categories).toContain('financial');
  });
});

describe('subscriptions', () => {
  it('a subscription with a callback, an event or message types delivers events or messages; a plan is paid for', () => {
    const hook = classifyTool(
      def('updateSubscription', 'Update a specific subscription.', { id: str(), event: str(), hookUri: str() }),
      api('PUT', '/subscription/{id}', 'updateSubscription'),
    );
    expect(hook.categories).not.toContain('financial');
    const messages = classifyTool(
      def('update_user_subscriptions', 'Update user subscriptions.', {
        userId: str(),
        subscribedMessageTypeIds: str(),
      }),
      mcp,
    );
    expect(messages.categories).not.toContain('financial');
    const notified = classifyTool(
      def('updateFolderSubscriptions', 'Subscribe or unsubscribe a list of folders for notifications.', { ids: str() }),
      mcp,
    );
    expect(notified.categories).not.toContain('financial');
    const plan = classifyTool(
      def('update_subscription', 'Update the subscription.', { planId: str(), seats: str() }),
      mcp,
    );
    expect(plan.categories).toContain('financial');
  });
});

describe('public links', () => {
  it('creating a public link changes who can see a thing', () => {
    const a = classifyTool(
      def('create_report_public_link', 'Create a public sharing link for a report.', { reportId: str() }),
      mcp,
    );
    expect(a.categories).toContain('administrative');
    expect(a.level).toBe('high');
    const read = classifyTool(def('get_public_links', 'List public links of reports.', {}), mcp);
    expect(read.categories).not.toContain('administrative');
  });

  it('moving an existing item to another collection changes who sees it; creating one in a collection does not', () => {
    const moved = classifyTool(
      def('update_question', 'Update an existing saved question.', {
        id: str(),
        collection_id: str('New collection ID'),
      }),
      mcp,
    );
    expect(moved.categories).toContain('administrative');
    const created = classifyTool(
      def('create_question', 'Create a saved question.', { name: str(), collection_id: str('Collection ID') }),
      mcp,
    );
    expect(created.categories).not.toContain('administrative');
  });
});
