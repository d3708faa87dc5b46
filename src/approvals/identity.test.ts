import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/errors.js';
import { parseConfigText } from '../config/load.js';
import { requesterIdentities, samePeople } from './identity.js';

describe('who is who', () => {
  const people = { erin: { identities: ['u-1001', 'erin@example.com'] }, ann: { identities: [] }, kim: {} };
  it('expands identifiers to every name of the configured people they name', () => {
    expect(samePeople(['u-1001'], people).sort()).toEqual(['erin', 'erin@example.com', 'u-1001']);
    expect(samePeople(['erin'], people).sort()).toEqual(['erin', 'erin@example.com', 'u-1001']);
    expect(samePeople(['ann', 'x'], people).sort()).toEqual(['ann', 'x']);
    expect(samePeople(['nobody'], people)).toEqual(['nobody']);
  });
  it("a call's requester: the token's sub and email, only when the agent acts for a user", () => {
    expect(requesterIdentities({ agent: 'a', user: 'u-1', method: 'oauth', claims: { email: 'e@x.example' } })).toEqual(
      ['u-1', 'e@x.example'],
    );
    expect(requesterIdentities({ agent: 'a', method: 'api-key' })).toEqual([]);
  });
});

describe('users.<name>.identities in config', () => {
  const issuesOf = (text: string) => {
    try {
      parseConfigText(text, '/etc/portcullis.yaml', {});
    } catch (e) {
      if (e instanceof ConfigError) return e.issues;
      throw e;
    }
    return [];
  };
  it('an identity names one person: never another user nor another user’s identity (file, line, path)', () => {
    const twice = issuesOf(
      'users:\n  erin: { roles: [approver], identities: [u-1] }\n  ann:\n    roles: [approver]\n    identities: [u-2, u-1]\n',
    );
    expect(twice).toHaveLength(1);
    expect(twice[0]).toMatchObject({ file: '/etc/portcullis.yaml', line: 5, path: 'users.ann.identities.1' });
    expect(twice[0]!.message).toBe('"u-1" already names user "erin"; an identity belongs to one person');
    const name = issuesOf('users:\n  erin: { roles: [approver] }\n  ann: { roles: [approver], identities: [erin] }\n');
    expect(name[0]).toMatchObject({ path: 'users.ann.identities.0', line: 3 });
    expect(issuesOf('users:\n  erin: { roles: [approver], identities: [erin, u-1] }\n')).toEqual([]);
  });
});
