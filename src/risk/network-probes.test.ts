/**
 * Network probes (network-probes.ts, ADR 0008): a read that sends packets or requests to a host, domain, address or
 * mailbox the caller names, or asks registries about names the caller gives, is `external`, whether or not it says
 * "web". Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { api, mcpSource, str, toolDef } from './test-support/schema-builders.js';

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
    const probe = classifyTool(
      toolDef('GET /probe', 'Runs a real-time probe of an address and reports its network owner.', { address: str() }),
      api('GET', '/probe', 'addressProbe'),
    );
    expect(probe.sideEffect).toBe('external');
    const url = classifyTool(
      toolDef('POST /inspect', 'Inspect a link: title, status and redirects.', { url: str('The URL to probe') }),
      api('POST', '/inspect', 'inspectLink'),
    );
    expect(url.sideEffect).toBe('external');
    const mailbox = classifyTool(
      toolDef('GET /mailbox-check', 'Tells whether a mailbox exists, by verification over SMTP.', {
        email: str(),
      }),
      api('GET', '/mailbox-check', 'mailboxCheck'),
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
    const prices = classifyTool(
      toolDef('GET /prices', 'Domain availability and first-year price, checked across registrars.', {
        name: str(),
      }),
      api('GET', '/prices', 'priceDomain'),
    );
    expect(prices.sideEffect).toBe('external');
  });
});

describe('reads of the provider’s own data stay reads', () => {
  it("the API's own health ping, a ping of the caller's server by id, a geolocation or reputation lookup", () => {
    const cases = [
      classifyTool(toolDef('GET /ping', 'Ping the API to verify your key.', {}), api('GET', '/ping', 'ping')),
      classifyTool(
        toolDef('GET /servers/{id}/ping', 'Ping your server.', { id: str() }),
        api('GET', '/servers/{id}/ping', 'pingServer'),
      ),
      classifyTool(
        toolDef('GET /geo', 'Location and network owner of an IP address.', { ip: str() }),
        api('GET', '/geo', 'geoIp'),
      ),
      classifyTool(
        toolDef('GET /reputation', 'Checks a host against our block lists.', { host: str() }),
        api('GET', '/reputation', 'hostReputation'),
      ),
      classifyTool(
        toolDef('validate_email', 'Parse and validate the syntax of an e-mail address.', { email: str() }),
        mcpSource,
      ),
    ];
    for (const a of cases) expect(a.sideEffect).toBe('none');
  });

  it("a registrar's own availability answer and the records of a zone it hosts", () => {
    const own = classifyTool(
      toolDef('GET /domains/available', 'Determine whether the domain is available for purchase.', { domain: str() }),
      api('GET', '/domains/available', 'available'),
    );
    expect(own.sideEffect).toBe('none');
    const zone = classifyTool(
      toolDef('GET /zones/{domain}/records', 'List the DNS records of a domain in your account.', { domain: str() }),
      api('GET', '/zones/{domain}/records', 'listRecords'),
    );
    expect(zone.sideEffect).toBe('none');
    expect(zone.level).toBe('low');
  });
});
