/**
 * SSRF guard: classifies target addresses and refuses metadata (always), loopback, link-local, private
 * and other non-public ranges (unless the backend allows private networks). Used both for IP-literal
 * hosts and inside the socket `lookup`, so the address checked is the address connected to (no DNS
 * rebinding window).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

export type AddressClass = 'metadata' | 'loopback' | 'link-local' | 'private' | 'reserved' | 'public';

export class SsrfRefusedError extends Error {
  override readonly name = 'SsrfRefusedError';
}

const METADATA = new BlockList();
METADATA.addAddress('169.254.169.254');
METADATA.addAddress('169.254.170.2');
METADATA.addAddress('100.100.100.200');
METADATA.addAddress('fd00:ec2::254', 'ipv6');

const RANGES: [AddressClass, string, number, 'ipv4' | 'ipv6'][] = [
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['loopback', '::1', 128, 'ipv6'],
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['private', '100.64.0.0', 10, 'ipv4'],
  ['private', 'fc00::', 7, 'ipv6'],
  ['reserved', '0.0.0.0', 8, 'ipv4'],
  ['reserved', '224.0.0.0', 4, 'ipv4'],
  ['reserved', '240.0.0.0', 4, 'ipv4'],
  ['reserved', '::', 128, 'ipv6'],
  ['reserved', 'ff00::', 8, 'ipv6'],
];
const LISTS = new Map<AddressClass, BlockList>();
for (const [cls, net, prefix, type] of RANGES) {
  let l = LISTS.get(cls);
  if (!l) LISTS.set(cls, (l = new BlockList()));
  l.addSubnet(net, prefix, type);
}

/** Unwraps IPv4-mapped / -compatible IPv6 (::ffff:a.b.c.d) to the IPv4 address. */
function normalise(ip: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const m = /^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (m) return { address: m[1]!, family: 'ipv4' };
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (hex) {
    const a = parseInt(hex[1]!, 16);
    const b = parseInt(hex[2]!, 16);
    return { address: `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`, family: 'ipv4' };
  }
  return { address: ip, family: isIP(ip) === 6 ? 'ipv6' : 'ipv4' };
}

export function classifyAddress(ip: string): AddressClass {
  const { address, family } = normalise(ip.replace(/^\[|\]$/g, ''));
  if (METADATA.check(address, family)) return 'metadata';
  for (const [cls, list] of LISTS) if (list.check(address, family)) return cls;
  return 'public';
}

export function isAllowedAddress(ip: string, allowPrivateNetwork: boolean): boolean {
  const cls = classifyAddress(ip);
  if (cls === 'public') return true;
  if (cls === 'metadata') return false;
  return allowPrivateNetwork;
}

/** Refuses IP-literal targets (which skip DNS) that are not allowed. */
export function checkUrlTarget(url: URL, allowPrivateNetwork: boolean): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SsrfRefusedError(`scheme ${url.protocol} is not allowed`);
  if (url.username || url.password) throw new SsrfRefusedError('credentials in the URL are not allowed');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 && !isAllowedAddress(host, allowPrivateNetwork)) {
    throw new SsrfRefusedError(`target address ${host} is ${classifyAddress(host)} and not allowed`);
  }
  if (!allowPrivateNetwork && /^(localhost|.*\.localhost|metadata\.google\.internal)$/i.test(host)) {
    throw new SsrfRefusedError(`target host ${host} is not allowed`);
  }
}

/** A socket `lookup` that resolves, then refuses the host if any of its addresses is not allowed. */
export function createGuardedLookup(allowPrivateNetwork: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const bad = addresses.find((a) => !isAllowedAddress(a.address, allowPrivateNetwork));
      if (bad || addresses.length === 0) {
        const e = new SsrfRefusedError(
          `host ${hostname} resolves to ${bad ? classifyAddress(bad.address) : 'no'} address; refused`,
        ) as NodeJS.ErrnoException;
        e.code = 'ESSRF';
        return callback(e, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}
