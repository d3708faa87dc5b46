import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../backends/catalog.js';
import type { Backend } from '../../core/backend.js';
import { configSchema } from '../../config/config.js';
import { compilePolicy } from '../../policy/compile.js';
import { createPolicyEngine } from '../../policy/engine.js';
import { createArgsValidator } from '../../validation/index.js';
import type { ToolCall } from '../call.js';
import { authorizeStage } from './authorize.js';
import { executeStage } from './execute.js';
import { resolveStage } from './resolve.js';
import { validateStage } from './validate.js';

/** An in-memory backend with two tools: a read and a delete (classified high by the risk engine). */
const backend: Backend = {
  name: 'mem',
  kind: 'mcp',
  start: async () => undefined,
  tools: () => [
    {
      localName: 'get_note',
      source: { kind: 'mcp', server: 'mem' },
      definition: {
        name: 'get_note',
        description: 'Read a note by id.',
        inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      },
    },
    {
      localName: 'delete_all_users',
      source: { kind: 'mcp', server: 'mem' },
      definition: {
        name: 'delete_all_users',
        description: 'Permanently delete every user account.',
        inputSchema: { type: 'object' },
      },
    },
  ],
  callTool: async (name, args) => ({ content: [{ type: 'text', text: `${name} ${JSON.stringify(args)}` }] }),
  status: () => ({ name: 'mem', kind: 'mcp', state: 'ready', toolCount: 2 }),
  onToolsChanged: () => undefined,
  close: async () => undefined,
};
const catalog = buildCatalog([backend]);
const engine = (agents: unknown) => {
  const c = configSchema.parse({ agents });
  return createPolicyEngine(compilePolicy(c.agents, c.policy));
};
const call = (toolName: string, args: Record<string, unknown> = {}): ToolCall => ({
  requestId: 'r',
  principal: { agent: 'bot', method: 'api-key' },
  toolName,
  args,
  signal: new AbortController().signal,
  record: { requestId: 'r', timestamp: 'now', method: 'tools/call', decision: 'deny', reasons: [] },
});

describe('stages, each alone', async () => {
  it('resolve sets the entry, the policy target and the risk; unknown tools stop with not_found', async () => {
    const c = call('mem_get_note');
    await resolveStage(() => catalog).run(c);
    expect(c.target).toMatchObject({ kind: 'tool', name: 'mem_get_note', backend: 'mem', args: {} });
    expect(c.record.backend).toBe('mem');
    await expect(async () => resolveStage(() => catalog).run(call('mem_nope'))).rejects.toThrow(/Unknown tool/);
  });

  it('authorize records effect, rule and reasons; a denied tool looks unknown', async () => {
    const ok = call('mem_get_note');
    await resolveStage(() => catalog).run(ok);
    await authorizeStage<ToolCall>(() => engine({ bot: { tools: { allow: ['mem_*'] } } })).run(ok);
    expect(ok.record).toMatchObject({ decision: 'allow', rule: 'agents.bot.tools.allow' });

    const high = call('mem_delete_all_users');
    await resolveStage(() => catalog).run(high);
    expect(high.target?.kind === 'tool' && high.target.risk.level).toBe('high');
    await expect(async () =>
      authorizeStage<ToolCall>(() => engine({ bot: { tools: { allow: ['mem_*'] } } })).run(high),
    ).rejects.toThrow(/Unknown tool: mem_delete_all_users/);
    expect(high.record).toMatchObject({ decision: 'deny', rule: 'sensitive-default' });
  });

  it('a call denied by a condition over its arguments says denied (the agent lists the tool), naming the rule', async () => {
    const c = configSchema.parse({
      agents: { bot: { tools: { allow: [] } } },
      policy: {
        rules: [
          { id: 'own-notes', effect: 'allow', agents: ['bot'], tools: ['mem_get_note'], when: "args.id == 'n1'" },
        ],
      },
    });
    const policy = createPolicyEngine(compilePolicy(c.agents, c.policy));
    const good = call('mem_get_note', { id: 'n1' });
    await resolveStage(() => catalog).run(good);
    await authorizeStage<ToolCall>(() => policy).run(good);
    expect(good.record).toMatchObject({ decision: 'allow', rule: 'own-notes' });
    const other = call('mem_get_note', { id: 'n2' });
    await resolveStage(() => catalog).run(other);
    await expect(async () => authorizeStage<ToolCall>(() => policy).run(other)).rejects.toMatchObject({
      code: 'policy.denied',
      message: expect.stringMatching(/Denied by policy \(rule default-deny\): mem_get_note/) as string,
    });
    expect(other.record).toMatchObject({ decision: 'deny' });
  });

  it('authorize refuses without a resolved target (fail closed)', async () => {
    await expect(async () => authorizeStage<ToolCall>(() => engine({})).run(call('x'))).rejects.toThrow(
      /Internal error/,
    );
  });

  it('validate checks arguments against the schema and names the field', async () => {
    const c = call('mem_get_note', { id: 5 });
    await resolveStage(() => catalog).run(c);
    await expect(async () => validateStage(createArgsValidator()).run(c)).rejects.toThrow(
      /Invalid arguments for mem_get_note/,
    );
    const good = call('mem_get_note', { id: 'n1' });
    await resolveStage(() => catalog).run(good);
    await validateStage(createArgsValidator()).run(good);
    expect(good.argsValidated).toBe(true);
  });

  it('execute calls the backend with the local name and arguments', async () => {
    const c = call('mem_get_note', { id: 'n1' });
    await resolveStage(() => catalog).run(c);
    await executeStage().run(c);
    expect(c.result?.content[0]).toEqual({ type: 'text', text: 'get_note {"id":"n1"}' });
  });
});
