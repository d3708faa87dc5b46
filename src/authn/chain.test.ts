import { describe, expect, it } from 'vitest';
import { createAuthChain } from './chain.js';
import { refused, type AuthOutcome, type Authenticator } from './types.js';

const fixed = (id: string, outcome: AuthOutcome, calls: string[]): Authenticator => ({
  id,
  authenticate: async () => (calls.push(id), outcome),
});
const ok = (agent: string): AuthOutcome => ({ kind: 'authenticated', principal: { agent, method: 'api-key' } });

describe('authenticator chain', () => {
  it('asks the next authenticator when one says "not mine", and stops at the first that decides', async () => {
    const calls: string[] = [];
    const chain = createAuthChain([
      fixed('a', { kind: 'not-mine' }, calls),
      fixed('b', ok('bot'), calls),
      fixed('c', ok('other'), calls),
    ]);
    expect(await chain.authenticate({ authorization: 'Bearer x' })).toEqual(ok('bot'));
    expect(calls).toEqual(['a', 'b']);
  });

  it('a refusal is final: later authenticators are not asked', async () => {
    const calls: string[] = [];
    const chain = createAuthChain([
      fixed('a', refused(401, 'expired', 'The token has expired', { error: 'invalid_token' }), calls),
      fixed('b', ok('bot'), calls),
    ]);
    expect(await chain.authenticate({ authorization: 'Bearer x' })).toMatchObject({ status: 401, reason: 'expired' });
    expect(calls).toEqual(['a']);
  });

  it('nobody recognising the credential is a refusal, never a pass', async () => {
    const chain = createAuthChain([fixed('a', { kind: 'not-mine' }, [])]);
    expect(await chain.authenticate({})).toMatchObject({ kind: 'refused', status: 401, reason: 'missing' });
    expect(await chain.authenticate({ authorization: 'Bearer zzz' })).toMatchObject({
      kind: 'refused',
      status: 401,
      reason: 'unrecognised',
      error: 'invalid_token',
    });
    expect(await createAuthChain([]).authenticate({})).toMatchObject({ kind: 'refused' });
  });

  it('answers with a value while its authenticators do, and waits only from the first that needs I/O', async () => {
    const calls: string[] = [];
    const now = (id: string, outcome: AuthOutcome): Authenticator => ({
      id,
      authenticate: () => (calls.push(id), outcome),
    });
    const sync = createAuthChain([now('a', { kind: 'not-mine' }), now('b', ok('bot'))]);
    const answer = sync.authenticate({ authorization: 'Bearer x' });
    expect(answer).not.toBeInstanceOf(Promise);
    expect(answer).toEqual(ok('bot'));
    const mixed = createAuthChain([
      now('a', { kind: 'not-mine' }),
      fixed('b', { kind: 'not-mine' }, calls),
      now('c', ok('c')),
    ]);
    const later = mixed.authenticate({ authorization: 'Bearer x' });
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toEqual(ok('c'));
    expect(calls).toEqual(['a', 'b', 'a', 'b', 'c']);
    expect(await createAuthChain([now('a', { kind: 'not-mine' })]).authenticate({})).toMatchObject({
      reason: 'missing',
    });
  });
});
