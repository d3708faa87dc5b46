import { describe, expect, it } from 'vitest';
import type { ToolDefinition, ToolSource } from '../core/tool.js';
import { joinCompounds, splitIdentifier, splitWords, stem } from './tokens.js';
import { toolWords } from './tool-words.js';

const schema = { type: 'object', properties: { owner: { type: 'string' }, dry_run: { type: 'boolean' } } };
const tools: Array<[string, ToolDefinition, ToolSource]> = [
  [
    'an MCP tool',
    { name: 'delete_file', description: 'Deletes a file.', inputSchema: schema },
    { kind: 'mcp', server: 'fs' },
  ],
  [
    'an MCP tool with a title and annotations',
    { name: 'x', title: 'X', inputSchema: {}, annotations: { readOnlyHint: true } },
    { kind: 'mcp', server: 's' },
  ],
  [
    'an operation with an operationId and tags',
    { name: 'repos_list_issues', description: "Lists a repository's issues. More.", inputSchema: schema },
    {
      kind: 'openapi',
      backend: 'github',
      operationId: 'issues/list-for-repo',
      method: 'get',
      path: '/repos/{owner}/{repo}/issues',
      tags: ['issues'],
    },
  ],
  [
    'an operation without operationId, tags or description',
    { name: 'post_users', inputSchema: {} },
    { kind: 'openapi', backend: 'b', method: 'post', path: '/users' },
  ],
];

describe('toolWords', () => {
  it('gives every tool a words object of one shape (the classifier steps that read it stay monomorphic)', () => {
    const shapes = tools.map(([, tool, source]) => Object.keys(toolWords(tool, source)).join(','));
    expect(new Set(shapes).size).toBe(1);
    expect(shapes[0]).toBe(
      'isApi,idLabel,idWords,idStems,pathSegments,pathWords,description,descWords,opening,openingWords,openingStems,inputFields,topFields,callerKeys,nounStems',
    );
  });

  it('holds the words the splitters give, once', () => {
    const [, tool, source] = tools[2]!;
    const w = toolWords(tool, source);
    expect(w.idLabel).toBe('operationId');
    expect(w.idWords).toEqual(joinCompounds(splitIdentifier('issues/list-for-repo')));
    expect(w.pathSegments).toEqual([['repos'], ['issues']]);
    expect(w.opening).toBe("Lists a repository's issues");
    expect(w.openingWords).toEqual(splitWords("Lists a repository's issues"));
    expect(w.openingStems).toEqual(['list', 'a', 'repository', 'issue']);
    expect(w.nounStems).toEqual([...w.idWords, 'repos', 'issues', 'issues'].map(stem));
    expect(w.topFields.map((f) => f.name)).toEqual(['owner', 'dry_run']);
    const mcp = toolWords(tools[0]![1], tools[0]![2]);
    expect([mcp.isApi, mcp.idLabel, mcp.pathSegments, mcp.nounStems]).toEqual([false, 'name', [], ['delete', 'file']]);
  });
});
