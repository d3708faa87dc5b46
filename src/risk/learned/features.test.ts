import { describe, expect, it } from 'vitest';
import { api, arr, obj, str, toolDef, mcpSource } from '../test-support/schema-builders.js';
import { featureLabel, toolFeatures } from './features.js';

describe('toolFeatures', () => {
  it('reads name, description opening, input fields (types, formats, enums, required) and output fields', () => {
    const tool = toolDef(
      'compute_vm_delete',
      'Deletes a virtual machine. The disk is kept unless asked.',
      { vmName: str(), contact: { type: 'string', format: 'email' }, mode: { type: 'string', enum: ['hardStop'] } },
      { outputSchema: obj({ secretValue: str() }) },
    );
    tool.inputSchema.required = ['vmName'];
    const f = toolFeatures(tool, mcpSource);
    for (const x of ['k:mcp', 'n:vm', 'nf:compute', 'nl:delete', 'd1:delete', 'd:disk', 'f:vmname', 'fw:vm'])
      expect(f).toContain(x);
    for (const x of ['fr:vmname', 'ft:string', 'fmt:email', 'fe:hard', 'fe:stop', 'o:secretvalue', 'ow:secret'])
      expect(f).toContain(x);
    expect(f).not.toContain('fr:contact');
    expect(f).toEqual([...new Set(f)].sort());
  });

  it('reads an OpenAPI operation: method, path words, last segment, scopes, tags, extension keys', () => {
    const source = {
      ...api('DELETE', '/orgs/{org}/hooks/{id}', 'orgs/delete-webhook'),
      scopes: ['admin:org_hook'],
      tags: ['orgs'],
      extensions: { 'x-GitHub-Stability': 'stable' },
      responseSchema: arr(obj({ token: str() })),
    };
    const f = toolFeatures(toolDef('orgs_delete_webhook', '', {}), source);
    for (const x of ['k:openapi', 'm:delete', 'p:org', 'p:hook', 'pl:hook', 'pe:ends-with-parameter', 'sc:admin'])
      expect(f).toContain(x);
    for (const x of ['sc:hook', 't:org', 'x:x-github-stability', 'o:token', 'n:webhook']) expect(f).toContain(x);
  });

  it('never reads MCP annotations (untrusted upstream hints)', () => {
    const plain = toolDef('list_things', 'Lists things.', {});
    const annotated = { ...plain, annotations: { readOnlyHint: false, destructiveHint: true, title: 'Delete all' } };
    expect(toolFeatures(annotated, mcpSource)).toEqual(toolFeatures(plain, mcpSource));
  });

  it('names where a feature was seen', () => {
    expect(featureLabel('p:cluster')).toBe("path segment word 'cluster'");
    expect(featureLabel('fmt:email')).toBe("input field format 'email'");
  });
});
