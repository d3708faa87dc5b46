/**
 * SSRF guard: classifies target addresses (ipaddr.js's IANA special-purpose ranges, including NAT64
 * 64:ff9b::/96, 6to4 2002::/16, Teredo and benchmarking 198.18.0.0/15) and refuses metadata (always), loopback,
 * link-local, private and other non-public ranges (unless the backend allows private networks). Used both for IP-literal
 * hosts and inside the socket `lookup`, so the address checked is the address connected to (no DNS
 * rebinding window).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export type AddressClass = 'metadata' | 'loopback' | 'link-local' | 'private' | 'reserved' | 'public';

export class SsrfRefusedError extends Error {
  override readonly name = 'SsrfRefusedError';
}

/** Cloud metadata endpoints: never reachable, whatever the config says. */
const METADATA = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254']);

/**
 * ipaddr.js range names (its IANA special-purpose registry) -> our classes. Anything not listed and not
 * `unicast` is `reserved`: new special ranges fail closed.
 */
const CLASS_OF_RANGE: Record<string, AddressClass> = {
  loopback: 'loopback',
  linkLocal: 'link-local',
  private: 'private',
  uniqueLocal: 'private',
  carrierGradeNat: 'private',
  unicast: 'public',
};
/** IPv6 ranges that embed or translate to an IPv4 address (NAT64, 6to4, Teredo, mapped). */
const EMBEDS_IPV4 = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052', '6to4', 'teredo']);

/** The IPv4 address carried by a NAT64 / 6to4 / Teredo / IPv4-mapped or -compatible IPv6 address. */
function embeddedIpv4(v6: ipaddr.IPv6, range: string): ipaddr.IPv4 | undefined {
  const p = v6.parts;
  const fromWords = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052') return fromWords(p[6]!, p[7]!);
  if (range === '6to4') return fromWords(p[1]!, p[2]!);
  if (range === 'teredo') return fromWords(~p[6]! & 0xffff, ~p[7]! & 0xffff); // client address, obfuscated
  return undefined;
}

function classifyParsed(addr: ipaddr.IPv4 | ipaddr.IPv6): AddressClass {
  if (METADATA.has(addr.toNormalizedString()) || METADATA.has(addr.toString())) return 'metadata';
  const range = addr.range();
  if (addr.kind() === 'ipv6') {
    const v6 = addr as ipaddr.IPv6;
    // IPv4-compatible (::a.b.c.d, deprecated) addresses: classify the IPv4 part.
    const p = v6.parts;
    if (range === 'reserved' && p.slice(0, 6).every((x) => x === 0) && (p[6]! !== 0 || p[7]! > 1)) {
      return classifyParsed(new ipaddr.IPv4([p[6]! >> 8, p[6]! & 255, p[7]! >> 8, p[7]! & 255]));
    }
    if (EMBEDS_IPV4.has(range)) {
      const inner = embeddedIpv4(v6, range)!;
      const cls = classifyParsed(inner);
      // A translated public address is still a translation gateway: only mapped ones are the address itself.
      return cls === 'public' && range !== 'ipv4Mapped' ? 'reserved' : cls;
    }
  }
  return CLASS_OF_RANGE[range] ?? 'reserved';
}

export function classifyAddress(ip: string): AddressClass {
  const bare = ip.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return 'reserved';
  return classifyParsed(ipaddr.parse(bare));
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
