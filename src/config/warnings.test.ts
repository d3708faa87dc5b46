/** Table of configs that load but probably do not do what was meant, and the warning each one gets. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApiSpecWarnings } from '../backends/openapi/config-warnings.js';
import { formatIssue } from './errors.js';
import { parseConfigText } from './load.js';
import { configWarnings, locateWarnings } from './warnings.js';

const warningsOf = (text: string, env: NodeJS.ProcessEnv = {}) =>
  configWarnings('c.yaml', text, parseConfigText(text, 'c.yaml', env)).map(formatIssue);

const upstream = 'upstreams:\n  github: { transport: http, url: "https://api.example.com/mcp" }\n';

describe('config warnings', () => {
  it.each([
    [
      '$VAR without braces',
      'upstreams:\n  gh:\n    transport: http\n    url: https://h.example/mcp\n    headers: { Authorization: "Bearer $GH_TOKEN" }\n',
      'c.yaml:5:31: upstreams.gh.headers.Authorization: "$GH_TOKEN" is taken literally; write ${GH_TOKEN} to read the environment variable',
    ],
    [
      'allow pattern naming no backend (typo)',
      `${upstream}agents:\n  bot:\n    tools:\n      allow: ["gihub_*"]\n`,
      'c.yaml:6:15: agents.bot.tools.allow.0: "gihub_*" matches no tool: names are <backend>_<name> and no backend matches "gihub" (did you mean "github"?); backends: github',
    ],
    [
      'allow pattern without any backend configured',
      'agents:\n  bot:\n    prompts:\n      allow: ["fs_*"]\n',
      'c.yaml:4:15: agents.bot.prompts.allow.0: "fs_*" matches no prompt: no upstreams or openapi backends are configured',
    ],
    [
      'OpenAPI baseUrl on loopback without allowPrivateNetwork',
      'openapi:\n  pets: { spec: ./p.yaml, baseUrl: "http://127.0.0.1:9000/v1" }\n',
      'c.yaml:2:36: openapi.pets.baseUrl: 127.0.0.1 is a loopback address; every call will be refused unless you set openapi.pets.allowPrivateNetwork: true',
    ],
    [
      'OpenAPI baseUrl on a private range (IPv6 unique local)',
      'openapi:\n  pets: { spec: ./p.yaml, baseUrl: "https://[fd12::1]/v1" }\n',
      'c.yaml:2:36: openapi.pets.baseUrl: fd12::1 is a private address; every call will be refused unless you set openapi.pets.allowPrivateNetwork: true',
    ],
    [
      'plain HTTP to a non-loopback upstream',
      'upstreams:\n  gh: { transport: sse, url: "http://mcp.example.com/sse" }\n',
      'c.yaml:2:30: upstreams.gh.url: plain http:// to mcp.example.com sends data and credentials unencrypted; use https://',
    ],
  ])('%s', (_what, text, expected) => {
    expect(warningsOf(text)).toEqual([expected]);
  });

  it.each([
    [
      'braced variables',
      'upstreams:\n  gh: { transport: http, url: "https://h.example/mcp", headers: { A: "${T}" } }\n',
    ],
    ['plain HTTP to loopback', 'upstreams:\n  gh: { transport: http, url: "http://127.0.0.1:3000/mcp" }\n'],
    [
      'a glob over backends that matches one',
      `${upstream}agents:\n  bot: { tools: { allow: ["git*_read_*", "*"] } }\n`,
    ],
    [
      'private baseUrl that is allowed',
      'openapi:\n  p: { spec: ./p.yaml, baseUrl: "http://127.0.0.1:9/", allowPrivateNetwork: true }\n',
    ],
  ])('no warning for %s', (_what, text) => {
    expect(warningsOf(text, { T: 'x' })).toEqual([]);
  });
});

describe('warnings that read the OpenAPI spec', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-warn-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'spec.yaml'),
    `openapi: 3.0.3
info: { title: t, version: "1" }
components:
  securitySchemes:
    bearerAuth: { type: http, scheme: bearer }
paths:
  /items:
    get: { operationId: listItems, responses: { "200": { description: ok } } }
`,
  );

  it('names a security scheme the spec lacks and an allow pattern matching none of its tools', async () => {
    const text = `openapi:
  shop:
    spec: ./spec.yaml
    auth:
      bearerAut: { credential: SHOP_TOKEN }
agents:
  bot:
    tools:
      allow: ["shop_listItem", "shop_list*"]
`;
    const c = parseConfigText(text, join(dir, 'c.yaml'), {});
    const found = locateWarnings('c.yaml', text, await openApiSpecWarnings(c, dir)).map(formatIssue);
    expect(found).toEqual([
      `c.yaml:5:18: openapi.shop.auth.bearerAut: the spec has no security scheme "bearerAut" (did you mean "bearerAuth"?); the spec's schemes: bearerAuth (or set "in" and "name" to place the credential yourself)`,
      'c.yaml:9:15: agents.bot.tools.allow.0: "shop_listItem" matches none of the 1 tool(s) of OpenAPI backend "shop" (did you mean "shop_listItems"?)',
    ]);
  });
});
