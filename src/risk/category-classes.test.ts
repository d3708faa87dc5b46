/**
 * Category error classes across the dev parts, tested as classes on invented tools: links ended (unregister,
 * disassociate) destroy nothing; money nouns that name something else (an event subscription, a SQL transaction,
 * a card profile); cloud infrastructure compounds; method-prefixed operationIds; composed (allOf) field types;
 * a person's attributes under their role; where a thing sits is not what it is.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../core/tool.js';
import { classifyTool } from './classify.js';
import { api, arr, mcpSource as mcp, obj, str, toolDef as def } from './test-support/schema-builders.js';

const composed = (type: string, description: string): JsonObject => ({ allOf: [{ type }, { description }] });

describe('what a change does to its object', () => {
  it('ending a registration or association is a change that destroys nothing', () => {
    for (const name of ['unregister_alert_hook', 'disassociate_rule_group']) {
      const a = classifyTool(def(name, 'Ends it.', { id: str() }), mcp);
      expect(a.sideEffect, name).not.toBe('none');
      expect(a.categories, name).not.toContain('destructive');
    }
  });

  it('money nouns that name something else move no money', () => {
    const feed = classifyTool(
      def('update_event_subscription', 'Update an event subscription.', { id: str(), url: str() }),
      mcp,
    );
    expect(feed.categories).not.toContain('financial');
    const sql = classifyTool(
      def('CommitTransaction', 'Ends a SQL transaction and commits the changes.', { transactionId: str() }),
      api('POST', '/commit', 'CommitTransaction'),
    );
    expect(sql.categories).not.toContain('financial');
    const group = classifyTool(def('create_coupon_group', 'Create a group of coupons.', { name: str() }), mcp);
    expect(group.categories).not.toContain('financial');
    const billing = classifyTool(def('create_subscription', 'Subscribe a customer to a plan.', { plan: str() }), mcp);
    expect(billing.categories).toContain('financial');
  });

  it('cloud network and placement resources are infrastructure', () => {
    for (const name of ['AllocateFloatingIp', 'DeletePlacementGroup', 'UpdateNodePool']) {
      const a = classifyTool(def(name, 'Does it.', { name: str() }), api('POST', `/${name}`, name));
      expect(a.categories, name).toContain('infrastructure');
      expect(a.level, name).toBe('high');
    }
  });

  // Seventh round: a backup or snapshot is stored data, not infrastructure (docs/risk.md); before it, a copy of an
  // infrastructure noun counted as infrastructure. Restoring one onto a running instance or volume does count.
  it('a weak infrastructure noun where the object sits is not the object, nor what a copy was taken of', () => {
    const sits = classifyTool(def('drop_table', 'Removes a table from a database.', { name: str() }), mcp);
    expect(sits.categories).not.toContain('infrastructure');
    const copy = classifyTool(def('make_snapshot', 'Create a snapshot from a volume.', { volumeId: str() }), mcp);
    expect(copy.categories).not.toContain('infrastructure');
    expect(copy.sideEffect).toBe('data-change');
  });

  it('restoring a backup onto a running instance overwrites it', () => {
    const restore = classifyTool(
      def('restoreInstanceBackup', 'Restores a backup.', { instance: str(), backupId: str() }),
      api('POST', '/instances/{instance}/backups/{backupId}/restore', 'restoreInstanceBackup'),
    );
    expect(restore.sideEffect).toBe('irreversible');
    expect(restore.categories).toEqual(expect.arrayContaining(['destructive', 'infrastructure']));
  });

  it('a dry run is no run', () => {
    const a = classifyTool(def('plan', 'Computes the plan (dry run, nothing changes).', { dir: str() }), mcp);
    expect(a.categories).not.toContain('code-execution');
  });
});

describe('names and schemas', () => {
  it('an operationId that repeats its HTTP method ("GET_DeleteGroup") has its object after the real verb', () => {
    const a = classifyTool(
      def('GET_DeleteGroup', 'Deletes the group.', { GroupName: str() }),
      api('GET', '/?Action=DeleteGroup', 'GET_DeleteGroup'),
    );
    expect(a.categories).toEqual(expect.arrayContaining(['destructive', 'administrative']));
  });

  it('allOf-composed field types count (a returned token value in AWS style)', () => {
    const a = classifyTool(
      def(
        'OpenSession',
        'Opens a session.',
        { target: composed('string', 'The target.') },
        {
          outputSchema: obj({
            session: obj({ sessionId: composed('string', 'id'), tokenValue: composed('string', 'x') }),
          }),
        },
      ),
      api('POST', '/#X-Amz-Target=Svc.OpenSession', 'OpenSession'),
    );
    expect(a.categories).toContain('credential-access');
  });

  it("a person's attribute under their role is personal data, in and out", () => {
    const out = classifyTool(
      def(
        'list_wires',
        'List wires.',
        {},
        {
          outputSchema: obj({ data: arr(obj({ id: str(), recipient_name: str(), recipient_address_line1: str() })) }),
        },
      ),
      api('GET', '/wires', 'list_wires'),
    );
    expect(out.categories).toContain('personal-data');
    const input = classifyTool(def('create_wire', 'Create a wire.', { beneficiary_name: str() }), mcp);
    expect(input.categories).toContain('personal-data');
    // (Not an order: reading a customer's order is personal data by itself since the twenty-fourth round.)
    const id = classifyTool(def('get_quote', 'Get a price quote.', { customer_id: str() }), mcp);
    expect(id.categories).not.toContain('personal-data');
  });

  it('in a dotted operationId the resources before the last are parents; only their secrets carry over', () => {
    const backup = classifyTool(
      def('svc.projects.clusters.backups.copy', 'Copies a backup.', { name: str() }),
      api('POST', '/v1/{+name}:copy', 'svc.projects.clusters.backups.copy'),
    );
    expect(backup.categories).not.toContain('infrastructure');
    const version = classifyTool(
      def('svc.projects.secrets.versions.destroy', 'Destroys a version.', { name: str() }),
      api('POST', '/v1/{+name}:destroy', 'svc.projects.secrets.versions.destroy'),
    );
    expect(version.categories).toContain('credential-access');
  });

  it('generating a consistency token issues no credential', () => {
    const a = classifyTool(
      def('svc.tables.generateConsistencyToken', 'Generates a consistency token for a table.', { name: str() }),
      api('POST', '/v1/{+name}:generateConsistencyToken', 'svc.tables.generateConsistencyToken'),
    );
    expect(a.sideEffect).toBe('none');
    expect(a.categories).toEqual([]);
  });
});

describe('posting or pushing a message sends it', () => {
  it('push or post with a communication noun as its object is a send; a git push is a change', () => {
    for (const name of ['push_text_message', 'push_broadcast', 'post_sms_message']) {
      const a = classifyTool(def(name, 'Does it.', { to: str(), text: str() }), mcp);
      expect(a.sideEffect, name).toBe('irreversible');
      expect(a.categories, name).toContain('external-communication');
    }
    // "message template": the message qualifies what is posted (no send).
    expect(classifyTool(def('post_message_template', 'Does it.', { name: str() }), mcp).sideEffect).toBe('data-change');
    const git = classifyTool(def('push_files', 'Pushes files.', { branch: str() }), mcp);
    expect(git.sideEffect).toBe('data-change');
    expect(git.categories).not.toContain('external-communication');
  });
});
