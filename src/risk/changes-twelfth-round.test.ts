/**
 * The twelfth round's classes, on invented tools (dev part sixteen, held-out 15, showed them; the rules are taken
 * from documented taxonomies, see ADR 0008): categories on changes (load balancing and scaling resources, federated
 * identity and public access, placing an order, a payment account's transactions), removals that detach rather than
 * destroy (removing X from Y, untagging), a returned key's material, and `skip` as a change.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../core/tool.js';
import { classifyTool } from './classify.js';
import { api, mcpSource as mcp, obj, str, toolDef as def } from './test-support/schema-builders.js';

const cats = (name: string, description = 'Does it.', props: JsonObject = { id: str() }): readonly string[] =>
  classifyTool(def(name, description, props), mcp).categories;

describe('infrastructure: load balancing, traffic and scaling resources', () => {
  it('changing a listener, an endpoint or target group, an accelerator or a scaling policy is infrastructure', () => {
    for (const name of [
      'update_listener',
      'CreateTargetGroup',
      'delete_endpoint_group',
      'UpdateAccelerator',
      'put_scaling_policy',
      'autoscalingPolicies.update',
      'modify_capacity_reservation',
      'delete_sip_trunk',
    ])
      expect(cats(name), name).toContain('infrastructure');
  });

  it('reading them is not (infrastructure is a change category)', () => {
    expect(cats('list_listeners', 'Lists listeners.')).not.toContain('infrastructure');
  });
});

describe('administrative: who may sign in, reach or deploy', () => {
  it('identity providers and sources, trusted IPs, public access blocks and code signing are access control', () => {
    for (const name of [
      'AssociateIdentityProviderConfig',
      'delete_identity_source',
      'add_trusted_ip',
      'PutBlockPublicAccessConfiguration',
      'PutFunctionCodeSigningConfig',
    ])
      expect(cats(name), name).toContain('administrative');
  });

  it('the compound that heads a phrase wins: a code signing key stays a signing key (a credential)', () => {
    expect(cats('rotate_code_signing_key', 'Rotates it.')).toContain('credential-access');
  });
});

describe('placing an order commits to pay', () => {
  it('creating, placing, submitting or confirming an order is financial, by name or by the opening sentence', () => {
    for (const name of ['createOrder', 'place-limit-order', 'confirm_order', 'submit_purchase_order'])
      expect(cats(name), name).toContain('financial');
    expect(cats('concierge_request', 'Places a gift order for the customer.')).toContain('financial');
  });

  it('editing or deleting an order, or changing a sort order, moves no money', () => {
    for (const name of ['update_order', 'delete_order', 'set_sort_order', 'create_work_order'])
      expect(cats(name), name).not.toContain('financial');
  });

  it("the order ends the opening verb's object phrase, however many words qualify it (twentieth session)", () => {
    expect(cats('make_quick_trade', 'Create quick buy/sell market orders on several exchanges.')).toContain(
      'financial',
    );
    expect(cats('open_position', 'Submit one new spot exchange order now.')).toContain('financial');
  });

  it('an order named after a preposition is not the object placed', () => {
    for (const description of [
      'Create labels for an order.',
      'Create a receipt of the order.',
      'Create tickets about orders.',
    ])
      expect(cats('make_document', description), description).not.toContain('financial');
  });
});

describe('removing X from Y detaches X; removing it from where it is stored deletes it', () => {
  it('endpoints out of a group, a policy off a cluster, a reaction off a message: a change, not destructive', () => {
    const group = classifyTool(def('RemoveEndpoints', 'Remove endpoints from an endpoint group.', { id: str() }), mcp);
    expect(group.sideEffect).toBe('data-change');
    expect(group.categories).toEqual(['infrastructure']);
    const policy = classifyTool(
      def('RemoveScalingRule', 'Removes a scaling rule from a specified cluster.', { id: str() }),
      mcp,
    );
    expect(policy.categories).toEqual(['infrastructure']);
    const reaction = classifyTool(def('remove_reaction', 'Removes an emoji reaction from a message', {}), mcp);
    expect(reaction.sideEffect).toBe('data-change');
    expect(reaction.categories).not.toContain('destructive');
    expect(reaction.level).toBe('medium');
  });

  it('taking a password off a share still touches a credential', () => {
    const a = classifyTool(def('remove_share_password', 'Remove the access password from a share', { id: str() }), mcp);
    expect(a.categories).toEqual(['credential-access']);
    expect(a.sideEffect).toBe('data-change');
  });

  it('stays destructive when Y stores X, X is a stored item, the description deletes, or the name says delete', () => {
    const destructive = [
      def('remove_file', 'Remove a file from the repository.', { path: str() }),
      def('remove_entry', 'Remove an entry from the account.', { id: str() }),
      def('remove_domain', 'Remove a custom domain from a sandbox. Deletes its DNS mapping.', { id: str() }),
      def('delete_endpoints', 'Remove endpoints from an endpoint group.', { id: str() }),
      def('remove_all', 'Remove all jobs from a queue', {}),
    ];
    for (const t of destructive) expect(classifyTool(t, mcp).categories, t.name).toContain('destructive');
  });

  it('an HTTP DELETE that only removes from something follows the same rule', () => {
    const a = classifyTool(
      def('RemoveRolesFromComposite', 'Remove a set of roles from the role composite', { id: str() }),
      api('DELETE', '/roles/{id}/composites', 'RemoveRolesFromComposite'),
    );
    expect(a.sideEffect).toBe('data-change');
    expect(a.categories).not.toContain('destructive');
  });
});

describe('untagging', () => {
  it('untagging a resource served as an HTTP DELETE is a plain change, whatever the description', () => {
    const a = classifyTool(
      def('UntagResource', 'Untags a resource.', { resourceArn: str(), tagKeys: str() }),
      api('DELETE', '/tags/{resourceArn}', 'UntagResource'),
    );
    expect(a.sideEffect).toBe('data-change');
    expect(a.level).toBe('medium');
  });
});

describe("a payment account's transactions are its holder's data", () => {
  it('reading the transactions or statements of an account or a card is personal data', () => {
    for (const path of ['/accounts/{id}/transactions', '/v1/cards/{cardId}/transactions', '/accounts/{id}/statements'])
      expect(classifyTool(def('list', 'Lists them.', {}), api('GET', path, 'listThem')).categories, path).toContain(
        'personal-data',
      );
  });

  // Transactions under no account (`/categories/{id}/transactions`) were not personal data on this evidence until the
  // twentieth round made any read of transactions account information (PocketSmith's, labelled personal-data).
  it('other records of an account, or records of a transaction that are not transactions, are not on this evidence', () => {
    for (const path of ['/accounts/{id}/webhooks', '/transactions/{id}/categories'])
      expect(classifyTool(def('list', 'Lists them.', {}), api('GET', path, 'listThem')).categories, path).not.toContain(
        'personal-data',
      );
  });
});

describe("returned key material is the key's value", () => {
  it('a read that returns keyMaterial (even wrapped) is credential access; one returning only its ARN is not', () => {
    const exported = classifyTool(
      def(
        'ExportKey',
        'Exports a key.',
        { keyIdentifier: str() },
        {
          outputSchema: obj({ wrappedKey: obj({ keyMaterial: str(), wrappingKeyArn: str() }) }),
        },
      ),
      mcp,
    );
    expect(exported.categories).toContain('credential-access');
    expect(exported.level).toBe('high');
    const arnOnly = classifyTool(
      def('ExportKey', 'Exports a key.', { keyIdentifier: str() }, { outputSchema: obj({ keyArn: str() }) }),
      mcp,
    );
    expect(arnOnly.categories).not.toContain('credential-access');
  });
});

describe('skipping is a change', () => {
  it('skipping a delivery changes what will happen, though the description names a listing tool to call first', () => {
    const a = classifyTool(
      def('shop_skip_delivery', 'Skip a delivery week. Always call shop_list_deliveries first.', { date: str() }),
      mcp,
    );
    expect(a.sideEffect).toBe('data-change');
  });
});

describe('pagination tokens and tag keys are no credentials; compute pools are infrastructure', () => {
  it('a read returning previous/backward page tokens returns no secret', () => {
    for (const field of ['previous_token', 'nextBackwardToken', 'prevToken']) {
      const a = classifyTool(
        def('list_events', 'Lists events.', { id: str() }, { outputSchema: obj({ [field]: str(), items: str() }) }),
        mcp,
      );
      expect(a.categories, field).not.toContain('credential-access');
      expect(a.level, field).toBe('low');
    }
    const secret = classifyTool(
      def('get_client', 'Gets a client.', { id: str() }, { outputSchema: obj({ client_secret: str() }) }),
      mcp,
    );
    expect(secret.categories).toContain('credential-access');
  });

  it('creating a tag key names a tag, it sets no secret; creating an API key still does', () => {
    expect(cats('tagKeys.create', 'Creates a new tag key.', { shortName: str() })).not.toContain('credential-access');
    expect(cats('apiKeys.create', 'Creates a new API key.', { name: str() })).toContain('credential-access');
  });

  it('resizing or upgrading a pool of compute nodes is infrastructure; a user or liquidity pool is not', () => {
    for (const name of ['Pool_StopResize', 'pool_upgrade_os']) expect(cats(name), name).toContain('infrastructure');
    for (const name of ['CreateUserPool', 'add_liquidity_pool'])
      expect(cats(name), name).not.toContain('infrastructure');
  });
});
