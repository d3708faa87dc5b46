/**
 * Network probes: reads that reach a host the caller names (docs/risk.md, open world). A lookup that sends packets
 * or requests to a host, domain, address or mailbox the caller supplies contacts a third party on the caller's behalf,
 * whatever the product calls it, so it is `external`, not a pure read. The word "web" need not appear.
 *
 * Vocabulary, by what the operation does to the outside:
 * - the Unix network diagnostics and their protocols: ping(8) (ICMP echo, RFC 792, or a TCP connect), traceroute(8),
 *   whois(1) (RFC 3912) and its successor RDAP (RFC 7480 series), nslookup(1)/dig(1) and DNS resolution (RFC 1034/1035
 *   resolvers), port scans; "probe", "reachability", "connectivity" and "live checks" of a named target;
 * - SMTP address verification (RFC 5321 section 3.5: VRFY, or RCPT TO without DATA) that asks the address's mail
 *   server whether a mailbox exists;
 * - domain availability checks, which ask registries or registrars (EPP `domain:check`, RFC 5731; WHOIS/RDAP) whether
 *   a name is taken.
 * Each needs a caller-named target: a top-level input field for a host, domain, IP address, URL or e-mail address (the
 * API's own health check, `GET /ping`, or a ping of the caller's own server by id names no such target), except a
 * domain availability search, whose names (a base name and TLDs) are the target.
 *
 * Not in the class: a lookup in the provider's own database about an address (geolocation, reputation, block lists,
 * parsing or validating an address's syntax), and a registrar's own API answering whether a name it sells is
 * available (an OpenAPI operation of the registrar itself, unless it says it asks registrars or registries).
 */
import { stem } from './tokens.js';

/** Name words (stemmed) of network diagnostics that reach the named host or the registries about it. */
const probeNameWords = new Set([
  'ping',
  'traceroute',
  'tracert',
  'whois',
  'rdap',
  'nslookup',
  'dig',
  'probe',
  'portscan',
]);
/** Prose of the same operations, in a description's opening or a target field's description. */
const probeProse =
  /\b(ping(s|ing)? (a|an|the|any) (host|server|address|ip|domain|url|target)|traceroute|whois|rdap|nslookup|(network|realtime|real-time|live|port) (probe|scan)s?|probes? (a|an|the) (host|address|ip|url|port|domain)|(the )?(url|host|address|ip) to probe|scan(s|ning)? (the )?ports|port scan(s|ning)?|check(s|ing)? (the )?(connectivity|reachability)|(connectivity|reachability) (check|test)s?|live checks|reconnaissance|resolv(e|es|ing) (the )?(dns|host ?names?|domain ?names?|domains?)|dns (resolution|lookups? of)|smtp[- ]based (e-?mail )?(address )?verification|verif(y|ies|ication) (via|over|using) smtp|mailbox (existence|exists))\b/i;
/** A domain availability check: "check availability of domain names", "domain availability", "is the domain available". */
const availabilityProse =
  /\b(availability (status )?(of|for) (\w+ ){0,3}domains?|domains?( name)? availability|domains?( names?)? (is |are )?available|check(s|ing)? (\w+ ){0,2}domains?( names?)? (for|against) availability|live availability checks \(domains)/i;
/** The registries or registrars asked, named in the plural or as the party asked. */
const mentionsAvailability = /availab/i;
const registriesProse =
  /\b(registrars|registries|across (multiple )?(registrars|tlds)|at (the )?(registry|registrar))\b/i;
const registryNameWords = new Set(['registrar', 'registry']);

/** Top-level input fields that name a target host, domain, address, URL or mailbox (joined, lower-case). */
const targetFields = new Set([
  'host',
  'hostname',
  'hosts',
  'ip',
  'ips',
  'ipaddress',
  'ipaddr',
  'address',
  'domain',
  'domains',
  'domainname',
  'fqdn',
  'target',
  'url',
  'urls',
  'email',
  'emailaddress',
]);

export interface ProbeField {
  joined: string;
  description: string;
}

/**
 * Why a tool probes a host the caller names (see the module comment), if it does. `idWords` are the name's words,
 * `opening` the description's first 300 characters, `fields` the top-level input fields; `ownApi` is true for an
 * OpenAPI operation (the provider answers from its own service unless it says it asks others).
 */
export function networkProbeReason(
  idWords: readonly string[],
  description: string,
  fields: readonly ProbeField[],
  ownApi: boolean,
): string | undefined {
  const opening = description.trimStart().slice(0, 300);
  const stems = idWords.map(stem);
  const target = fields.find((f) => targetFields.has(f.joined));
  if (target) {
    // "trace_route", "port-scan": a compound split in the name is the same word.
    const nameWord =
      stems.find((w) => probeNameWords.has(w)) ?? /traceroute|nslookup|portscan/.exec(idWords.join(''))?.[0];
    if (nameWord) return `'${nameWord}' on field '${target.joined}' reaches the host the caller names`;
    // The opening, or an input field's own description ("the URL to probe", "perform live checks" on an option).
    const prose =
      probeProse.exec(opening) ??
      fields.map((f) => probeProse.exec(f.description.slice(0, 200))).find((m) => m !== null);
    if (prose) return `'${prose[0]}' on field '${target.joined}' reaches the host the caller names`;
  }
  // A domain availability search asks registries or registrars about names the caller gives.
  // Every availability phrase holds "availab": the long pattern runs only on a description that does (speed).
  const available = mentionsAvailability.test(description)
    ? (availabilityProse.exec(opening) ?? availabilityProse.exec(description.slice(0, 600)))
    : null;
  const registryName = stems.find((w) => registryNameWords.has(w));
  if (!available && !registryName) return undefined;
  const registries = registriesProse.exec(description.slice(0, 600)) ?? undefined;
  if (available && (!ownApi || registries)) return `'${available[0]}' asks registries about the names given`;
  if (registryName && registries && fields.some((f) => f.joined.includes('domain')))
    return `'${registries[0]}' asked about the domain given`;
  return undefined;
}
