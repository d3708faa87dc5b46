/**
 * Network probes (network-probes.ts, ADR 0008): a read that sends packets or requests to a host, domain, address or
 * mailbox the caller names, or asks registries about names the caller gives, is `external`, whether or not it says
 * "web". Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

const arrOf = (description: string) => ({ type: 'array', items: { type: 'string' }, description });

describe('a lookup that reaches a host the caller names is external', () => {
  it('diagnostics on a named host: ping, traceroute, WHOIS, DNS resolution, a port scan, a probe', () => {
    const cases = [
      toolDef('net_ping', 'Check round-trip latency.', { host: str(), count: { type: 'number' } }),
      toolDef('trace_route', 'Show the hops between this server and a machine.', { hostname: str() }),
      toolDef('lookup_whois', 'Who registered a name, and when it expires.', { domain: str() }),
      toolDef('dns_query', 'Resolves the domain name to its A and MX records.', { domain: str(), type: str() }),
      toolDef('scan_host', 'Scan the ports of a machine and list the open ones.', { ip: str() }),
      toolDef('site_check', 'Check the reachability of a site and its response time.', { url: str() }),
    ];
    for (const def of cases) {
      const a = classifyTool(def, mcpSource);
      expect(a.sideEffect, def.name).toBe('external');
      expect(a.level, def.name).toBe('medium');
      expect(a.reasons.join(' '), def.name).toMatch(/reaches the host the caller names/);
    }
  });

  it('an OpenAPI probe of an address, of a URL (said in its field) and a mailbox check over SMTP', () => {
    const probe = classifyOperation(
      'GET /probe',
      'addressProbe',
      'Runs a real-time probe of an address and reports its network owner.',
      { address: str() },
    );
    expect(probe.sideEffect).toBe('external');
    const url = classifyOperation('POST /inspect', 'inspectLink', 'Inspect a link: title, status and redirects.', {
      url: str('The URL to probe'),
    });
    expect(url.sideEffect).toBe('external');
    const mailbox = classifyOperation(
      'GET /mailbox-check',
      'mailboxCheck',
      'Tells whether a mailbox exists, by verification over SMTP.',
      {
        email: str(),
      },
    );
    expect(mailbox.sideEffect).toBe('external');
    expect(mailbox.categories).toContain('personal-data');
  });

  it('a domain availability search asks registries: an MCP tool, or an API that says it asks registrars', () => {
    const names = classifyTool(
      toolDef('find_names', 'Checks the availability of candidate domain names for a brand.', {
        brand: str(),
        tlds: arrOf('TLDs to try'),
      }),
      mcpSource,
    );
    expect(names.sideEffect).toBe('external');
    const prices = classifyOperation(
      'GET /prices',
      'priceDomain',
      'Domain availability and first-year price, checked across registrars.',
      {
        name: str(),
      },
    );
    expect(prices.sideEffect).toBe('external');
  });
});

describe('reads of the provider’s own data stay reads', () => {
  it("the API's own health ping, a ping of the caller's server by id, a geolocation or reputation lookup", () => {
    const cases = [
      classifyOperation('GET /ping', 'ping', 'Ping the API to verify your key.', {}),
      classifyOperation('GET /servers/{id}/ping', 'pingServer', 'Ping your server.', { id: str() }),
      classifyOperation('GET /geo', 'geoIp', 'Location and network owner of an IP address.', { ip: str() }),
      classifyOperation('GET /reputation', 'hostReputation', 'Checks a host against our block lists.', { host: str() }),
      classifyTool(
        toolDef('validate_email', 'Parse and validate the syntax of an e-mail address.', { email: str() }),
        mcpSource,
      ),
    ];
    for (const a of cases) expect(a.sideEffect).toBe('none');
  });

  it("a registrar's own availability answer and the records of a zone it hosts", () => {
    const own = classifyOperation(
      'GET /domains/available',
      'available',
      'Determine whether the domain is available for purchase.',
      { domain: str() },
    );
    expect(own.sideEffect).toBe('none');
    const zone = classifyOperation(
      'GET /zones/{domain}/records',
      'listRecords',
      'List the DNS records of a domain in your account.',
      { domain: str() },
    );
    expect(zone.sideEffect).toBe('none');
    expect(zone.level).toBe('low');
  });
});
