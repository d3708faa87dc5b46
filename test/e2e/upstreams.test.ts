import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/client';
import {
  FIXTURES,
  ROOT,
  eventually,
  startFixture,
  startGateway,
  tempDir,
  type RunningGateway,
  connectAgent,
} from './harness.js';

const node = JSON.stringify(process.execPath);
const bin = (pkg: string) =>
  JSON.stringify(join(ROOT, 'node_modules', '@modelcontextprotocol', pkg, 'dist', 'index.js'));

let gw: RunningGateway;
let httpUp: Awaited<ReturnType<typeof startFixture>>;
let sseUp: Awaited<ReturnType<typeof startFixture>>;
const work = tempDir('portcullis-upstreams-');
const files = join(work, 'files');

beforeAll(async () => {
  mkdirSync(files, { recursive: true });
  writeFileSync(join(files, 'hello.txt'), 'hello from disk');
  httpUp = await startFixture(join(FIXTURES, 'test-upstream.mjs'), ['--http', '0']);
  sseUp = await startFixture(join(FIXTURES, 'sse-upstream.mjs'), ['0']);
  gw = await startGateway(
    `
upstreams:
  everything:
    transport: stdio
    command: ${node}
    args: [${bin('server-everything')}, stdio]
  fs:
    transport: stdio
    command: ${node}
    args: [${bin('server-filesystem')}, ${JSON.stringify(files)}]
  memory:
    transport: stdio
    command: ${node}
    args: [${bin('server-memory')}]
    env:
      MEMORY_FILE_PATH: ${JSON.stringify(join(work, 'memory.jsonl'))}
  t:
    transport: stdio
    command: ${node}
    args: [${JSON.stringify(join(FIXTURES, 'test-upstream.mjs'))}]
    env:
      FIXTURE_VALUE: \${FIXTURE_VALUE}
    cwd: ${JSON.stringify(work)}
  remote:
    transport: http
    url: http://127.0.0.1:${httpUp.port}/mcp
  legacy:
    transport: sse
    url: http://127.0.0.1:${sseUp.port}/sse
agents:
  all:
    tools:
      allow: ["*", "t_env"] # t_env reads the environment: high risk, granted only by name
    prompts:
      allow: ["everything_*"]
    resources:
      allow: ["everything:**"]
  narrow:
    tools:
      allow: ["everything_echo"]
policy:
  approvals:
    waivers:
      - tools: ["t_env"]
        reason: the fixture only echoes a test variable; held calls are tested in approvals.test.ts
`,
    { env: { FIXTURE_VALUE: 'from-the-environment' } },
  );
});
afterAll(async () => {
  await gw?.stop();
  httpUp?.stop();
  sseUp?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function connect(key: string, opts: ConstructorParameters<typeof Client>[1] = {}) {
  const client = await connectAgent(gw.url, key, opts);
  return client;
}
const textOf = (r: { content?: unknown }) =>
  ((r.content as { type: string; text?: string }[]) ?? []).map((c) => c.text ?? '').join('\n');

describe('real upstream servers from npm through the gateway', () => {
  it('server-everything: tools, progress, resources, prompts, completions', async () => {
    const c = await connect(gw.keys.all!);
    const names = (await c.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['everything_echo', 'everything_get-sum', 'everything_trigger-long-running-operation']),
    );
    expect(textOf(await c.callTool({ name: 'everything_echo', arguments: { message: 'through' } }))).toContain(
      'through',
    );
    expect(textOf(await c.callTool({ name: 'everything_get-sum', arguments: { a: 2, b: 40 } }))).toContain('42');

    const progress: number[] = [];
    await c.callTool(
      { name: 'everything_trigger-long-running-operation', arguments: { duration: 0.3, steps: 3 } },
      { onprogress: (p) => progress.push(p.progress) },
    );
    expect(progress.length).toBeGreaterThanOrEqual(2);

    const templates = (await c.listResourceTemplates()).resourceTemplates;
    expect(templates.length).toBeGreaterThan(0);
    const { resources } = await c.listResources();
    const first = resources[0] ?? { uri: 'demo://resource/static/document/architecture.md' };
    const read = await c.readResource({ uri: first.uri });
    expect(read.contents[0]?.uri).toBe(first.uri);

    const prompts = (await c.listPrompts()).prompts.map((p) => p.name);
    expect(prompts).toContain('everything_simple-prompt');
    const got = await c.getPrompt({ name: 'everything_simple-prompt' });
    expect(got.messages.length).toBeGreaterThan(0);
    if (prompts.includes('everything_completable-prompt')) {
      const done = await c.complete({
        ref: { type: 'ref/prompt', name: 'everything_completable-prompt' },
        argument: { name: 'department', value: 'E' },
      });
      expect(Array.isArray(done.completion.values)).toBe(true);
    }
    await c.close();
  });

  it('an agent without resource or prompt grants sees none and cannot read them', async () => {
    const c = await connect(gw.keys.narrow!);
    expect((await c.listTools()).tools.map((t) => t.name)).toEqual(['everything_echo']);
    expect((await c.listResources()).resources).toEqual([]);
    expect((await c.listPrompts()).prompts).toEqual([]);
    await expect(c.readResource({ uri: 'demo://resource/static/document/architecture.md' })).rejects.toThrow(
      /not found/i,
    );
    await expect(c.getPrompt({ name: 'everything_simple-prompt' })).rejects.toThrow(/Unknown prompt/);
    await c.close();
  });

  it('server-filesystem reads a file in its allowed directory', async () => {
    const c = await connect(gw.keys.all!);
    const names = (await c.listTools()).tools.map((t) => t.name);
    const readTool = names.includes('fs_read_text_file') ? 'fs_read_text_file' : 'fs_read_file';
    expect(textOf(await c.callTool({ name: readTool, arguments: { path: join(files, 'hello.txt') } }))).toContain(
      'hello from disk',
    );
    const listing = await c.callTool({ name: 'fs_list_directory', arguments: { path: files } });
    expect(textOf(listing)).toContain('hello.txt');
    await c.close();
  });

  it('server-memory keeps entities across calls', async () => {
    const c = await connect(gw.keys.all!);
    await c.callTool({
      name: 'memory_create_entities',
      arguments: { entities: [{ name: 'Portcullis', entityType: 'project', observations: ['an MCP gateway'] }] },
    });
    expect(textOf(await c.callTool({ name: 'memory_read_graph', arguments: {} }))).toContain('Portcullis');
    await c.close();
  });
});

describe('upstream transports, env and cwd', () => {
  it('reaches a Streamable HTTP upstream and a legacy SSE upstream', async () => {
    const c = await connect(gw.keys.all!);
    expect(textOf(await c.callTool({ name: 'remote_echo', arguments: { message: 'over http' } }))).toBe(
      'echo: over http',
    );
    expect(textOf(await c.callTool({ name: 'legacy_shout', arguments: { text: 'over sse' } }))).toBe('OVER SSE');
    await c.close();
  });

  it('spawns stdio upstreams with the configured env (interpolated) and cwd', async () => {
    const c = await connect(gw.keys.all!);
    expect(textOf(await c.callTool({ name: 't_env', arguments: { name: 'FIXTURE_VALUE' } }))).toBe(
      'from-the-environment',
    );
    expect(textOf(await c.callTool({ name: 't_cwd', arguments: {} }))).toBe(work);
    await c.close();
  });
});

describe('server-to-client traffic', () => {
  it('routes an upstream sampling request back to the agent whose call caused it', async () => {
    const c = await connect(gw.keys.all!, { capabilities: { sampling: {} } });
    c.setRequestHandler('sampling/createMessage', async (req) => ({
      model: 'test-model',
      role: 'assistant',
      content: { type: 'text', text: `sampled(${JSON.stringify(req.params.messages[0]?.content)})`.slice(0, 60) },
    }));
    const r = await c.callTool({ name: 't_ask_llm', arguments: { prompt: 'ping' } });
    expect(textOf(r)).toMatch(/^llm said: sampled/);
    await c.close();
  });

  it('forwards tools/list_changed when an upstream adds a tool', async () => {
    const c = await connect(gw.keys.all!);
    let changed = 0;
    c.setNotificationHandler('notifications/tools/list_changed', () => {
      changed++;
    });
    await c.callTool({ name: 't_add_tool', arguments: {} });
    await eventually(() => changed > 0);
    const names = (await c.listTools()).tools.map((t) => t.name);
    expect(names.some((n) => n.startsWith('t_extra_'))).toBe(true);
    await c.close();
  });
});
