import { describe, expect, it } from 'vitest';
import { checkUrlTarget, classifyAddress, createGuardedLookup, isAllowedAddress } from './ssrf-guard.js';

describe('classifyAddress', () => {
  it.each([
    ['169.254.169.254', 'metadata'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['169.254.10.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['10.1.2.3', 'private'],
    ['172.20.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12::1', 'private'],
    ['0.0.0.0', 'reserved'],
    ['::', 'reserved'],
    ['224.0.0.1', 'reserved'],
    ['8.8.8.8', 'public'],
    ['2606:4700::1111', 'public'],
    ['172.32.0.1', 'public'],
    // Ranges the hand-written list missed (now from ipaddr.js's special-purpose registry).
    ['198.18.0.1', 'reserved'],
    ['198.19.255.254', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::a00:1', 'private'],
    ['64:ff9b::808:808', 'reserved'],
    ['2002:a9fe:a9fe::1', 'metadata'],
    ['2002:c0a8:101::1', 'private'],
    ['2002:808:808::1', 'reserved'],
    ['::127.0.0.1', 'loopback'],
    ['2001:db8::1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['not-an-ip', 'reserved'],
  ])('%s is %s', (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });

  it('never allows metadata, allows private only when asked', () => {
    expect(isAllowedAddress('169.254.169.254', true)).toBe(false);
    expect(isAllowedAddress('10.0.0.1', false)).toBe(false);
    expect(isAllowedAddress('10.0.0.1', true)).toBe(true);
    expect(isAllowedAddress('1.1.1.1', false)).toBe(true);
  });
});

describe('checkUrlTarget', () => {
  it.each([
    'http://127.0.0.1/x',
    'http://[::1]/x',
    'http://169.254.169.254/latest',
    'http://0x7f000001/x',
    'http://2130706433/x',
    'http://localhost:8080/',
    'file:///etc/passwd',
    'http://user:pw@example.com/',
  ])('refuses %s', (u) => {
    expect(() => checkUrlTarget(new URL(u), false)).toThrow();
  });

  it('allows public hosts, and loopback only when allowed', () => {
    expect(() => checkUrlTarget(new URL('https://api.example.com/v1'), false)).not.toThrow();
    expect(() => checkUrlTarget(new URL('http://127.0.0.1:9/'), true)).not.toThrow();
    expect(() => checkUrlTarget(new URL('http://169.254.169.254/'), true)).toThrow(/metadata/);
  });
});

describe('createGuardedLookup', () => {
  it('refuses a name that resolves to loopback', async () => {
    const lookup = createGuardedLookup(false);
    const err = await new Promise<Error | null>((resolve) => lookup('localhost', {}, (e) => resolve(e)));
    expect(err?.message).toMatch(/refused/);
  });

  it('passes it when private networks are allowed', async () => {
    const lookup = createGuardedLookup(true);
    const address = await new Promise<string>((resolve, reject) =>
      lookup('localhost', {}, (e, a) => (e ? reject(e) : resolve(a as string))),
    );
    expect(classifyAddress(address)).toBe('loopback');
  });
});
