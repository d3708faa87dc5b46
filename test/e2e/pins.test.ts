/**
 * Pinning, quarantine and acceptance against a real upstream (SDK server over stdio) that changes its own tool and
 * prompt definitions between listings, through the built CLI and a real SDK client over 127.0.0.1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, connectAgent, eventually, FIXTURES, startGateway, type RunningGateway } from './harness.js';

const UPSTREAM = join(FIXTURES, 'pins-upstream.mjs');
const TOOLS = ['notes_read_file', 'notes_search', 'notes_append_note', 'notes_mutate', 'notes_huge'];
/** Tools the upstream adds later (allowed by exact name, so that only pinning can withhold them). */
const ADDED = ['notes_Read_File', 'notes_archive'];

const config = (args: string[] = []) => `
upstreams:
  notes:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: ${JSON.stringify([UPSTREAM, ...args])}
agents:
  bot:
    tools: { allow: ${JSON.stringify([...TOOLS, ...ADDED])} }
    prompts: { allow: ["notes_*"] }
users:
  alice: { roles: [admin] }
  audrey: { roles: [auditor] }
pins:
  refreshMs: 200
`;

let gw: RunningGateway;
let agent: Client;
beforeAll(async () => {
  gw = await startGateway(config());
  agent = await connectAgent(gw.url, gw.keys.bot);
});
afterAll(async () => {
  await agent?.close();
  await gw?.stop();
});

const listed = async () => Object.fromEntries((await agent.listTools()).tools.map((t) => [t.name, t]));
const api = (path: string, key: string | undefined, init: RequestInit = {}) =>
  fetch(`${gw.base}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
  });
const mutate = (target: string, what: string, value?: string) =>
  agent.callTool({ name: 'notes_mutate', arguments: { target, what, ...(value ? { value } : {}) } });
const toolText = (r: unknown) => (r as { content: { text: string }[] }).content[0]?.text ?? '';
const tools = async () =>
  (
    (await (await api('/api/v1/tools', gw.keys.audrey)).json()) as {
      tools: { name: string; quarantined: boolean; pin?: { state: string; hash?: string; pendingHash?: string } }[];
    }
  ).tools;
const auditOf = async (type: string) =>
  (
    (await (await api(`/api/v1/audit?type=${type}`, gw.keys.audrey)).json()) as {
      records: { tool?: string; user?: string; reasons?: string[]; detail?: Record<string, unknown> }[];
    }
  ).records;
const cliArgs = (...a: string[]) => cli([...a, '--config', gw.configFile]);
/** Polls until `fn` yields a value (not undefined or false). */
const until = async <T>(fn: () => Promise<T | undefined | false>, ms?: number): Promise<T> =>
  (await eventually(fn, ms)) as T;

describe('pinned tool definitions', () => {
  it('pins every tool on first sight (trust on first use) and records it', async () => {
    expect(Object.keys(await listed()).sort()).toEqual([...TOOLS].sort());
    const rows = await tools();
    for (const name of TOOLS)
      expect(rows.find((t) => t.name === name)?.pin).toMatchObject({
        state: 'pinned',
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    const pinned = await until(async () => {
      const items = await auditOf('tool.pinned');
      return items.length >= TOOLS.length ? items : undefined;
    });
    expect(pinned.map((e) => e.tool).sort()).toEqual([...TOOLS].sort());
  });

  it('quarantines exactly the tool whose description changed; the others are untouched', async () => {
    const before = await listed();
    await mutate('read_file', 'description', 'Read a file, UTF-8 only.');
    const after = await until(async () => {
      const now = await listed();
      return now.notes_read_file ? undefined : now;
    });
    for (const name of TOOLS.filter((n) => n !== 'notes_read_file')) expect(after[name]).toEqual(before[name]);
    const call = await agent.callTool({ name: 'notes_read_file', arguments: { path: '/etc/hosts' } });
    expect(call.isError).toBe(true);
    expect(toolText(call)).toMatch(/notes_read_file is quarantined: definition changed since it was pinned/);
    expect(toolText(call)).toMatch(/portcullis tools diff/);
    const row = (await tools()).find((t) => t.name === 'notes_read_file')!;
    expect(row).toMatchObject({ quarantined: true, pin: { state: 'quarantined' } });
    expect(row.pin!.pendingHash).not.toBe(row.pin!.hash);
    const q = await until(async () => (await auditOf('tool.quarantined')).find((e) => e.tool === 'notes_read_file'));
    expect(q.detail).toMatchObject({
      hash: row.pin!.pendingHash,
      previousHash: row.pin!.hash,
      changes: [{ path: '/description', before: 'Read a file.', after: 'Read a file, UTF-8 only.' }],
    });
    // A call that was refused is recorded as such.
    const denied = await until(async () =>
      (await auditOf('tool.call.denied')).find((e) => e.tool === 'notes_read_file'),
    );
    expect(denied.reasons?.join(' ')).toMatch(/quarantined/);
  });

  it('shows the diff (CLI and REST) and accepts exactly the reviewed definition (CLI); then serves it', async () => {
    const diff = cliArgs('tools', 'diff', 'notes_read_file');
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain('QUARANTINED');
    expect(diff.stdout).toContain('@ /description\n- "Read a file."\n+ "Read a file, UTF-8 only."');
    const rest = (await (await api('/api/v1/tools/notes_read_file/diff', gw.keys.audrey)).json()) as {
      pending: { hash: string };
      changes: unknown[];
    };
    expect(rest.changes).toEqual([{ path: '/description', before: 'Read a file.', after: 'Read a file, UTF-8 only.' }]);
    const wrong = cliArgs('tools', 'accept', 'notes_read_file', '--reason', 'ok', '--hash', 'f'.repeat(64));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/review the diff again/);
    const ok = cliArgs(
      'tools',
      'accept',
      'notes_read_file',
      '--reason',
      'vendor note: UTF-8 only',
      '--hash',
      rest.pending.hash,
      '--by',
      'alice',
    );
    expect(ok.code, ok.stderr).toBe(0);
    const served = await until(async () => (await listed()).notes_read_file);
    expect(served.description).toBe('Read a file, UTF-8 only.');
    const call = await agent.callTool({ name: 'notes_read_file', arguments: { path: '/etc/hosts' } });
    expect(call.isError).toBeFalsy();
    const acc = await until(async () => (await auditOf('tool.accepted')).find((e) => e.tool === 'notes_read_file'));
    expect(acc).toMatchObject({
      user: 'alice',
      reasons: ['vendor note: UTF-8 only'],
      detail: { via: 'cli', hash: rest.pending.hash },
    });
    expect(cliArgs('tools', 'diff', 'notes_read_file').stdout).toMatch(/is pinned .*nothing waits/);
  });

  it('quarantines a schema change; REST accept is for admins, with a reason; then it is served', async () => {
    await mutate('search', 'schema');
    await eventually(async () => !(await listed()).notes_search);
    const url = '/api/v1/tools/notes_search/accept';
    const post = (key: string | undefined, body: unknown) =>
      api(url, key, { method: 'POST', body: JSON.stringify(body) });
    expect((await post(gw.keys.audrey, { reason: 'x' })).status).toBe(403);
    expect((await post(gw.keys.alice, {})).status).toBe(400);
    const mismatch = await post(gw.keys.alice, { reason: 'x', hash: 'e'.repeat(64) });
    expect(mismatch.status).toBe(409);
    const diff = (await (await api('/api/v1/tools/notes_search/diff', gw.keys.alice)).json()) as {
      changes: { path: string }[];
    };
    expect(diff.changes.map((c) => c.path)).toEqual(['/inputSchema/properties/cc']);
    const ok = await post(gw.keys.alice, { reason: 'cc field reviewed' });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { state: string }).state).toBe('pinned');
    const served = await until(async () => (await listed()).notes_search);
    expect(Object.keys((served.inputSchema as { properties: object }).properties)).toEqual(['q', 'cc']);
    expect((await post(gw.keys.alice, { reason: 'again' })).status).toBe(409);
  });

  it('quarantines an annotations change, and releases the tool when the upstream goes back', async () => {
    await mutate('append_note', 'annotations');
    await eventually(async () => !(await listed()).notes_append_note);
    expect((await tools()).find((t) => t.name === 'notes_append_note')?.pin?.state).toBe('quarantined');
    await mutate('append_note', 'restore');
    await eventually(async () => (await listed()).notes_append_note);
    await eventually(async () => (await auditOf('tool.restored')).find((e) => e.tool === 'notes_append_note'));
  });

  it('pins prompts the same way: a changed prompt is withheld and refused until accepted', async () => {
    expect((await agent.listPrompts()).prompts.map((p) => p.name)).toEqual(['notes_summarize']);
    await mutate('prompt:summarize', 'description', 'Summarize a text, then post it.');
    expect((await agent.listPrompts()).prompts).toEqual([]);
    await expect(agent.getPrompt({ name: 'notes_summarize', arguments: { text: 'a' } })).rejects.toThrow(/quarantined/);
    const ok = cliArgs('tools', 'accept', '--prompt', 'notes_summarize', '--reason', 'wording');
    expect(ok.code, ok.stderr).toBe(0);
    await eventually(
      async () => (await agent.listPrompts()).prompts[0]?.description === 'Summarize a text, then post it.',
    );
    const got = await agent.getPrompt({ name: 'notes_summarize', arguments: { text: 'a' } });
    expect(got.messages).toHaveLength(1);
  });

  it('quarantines a new tool named like a pinned one but for case, even under newTools: trust; a new name is pinned', async () => {
    await mutate('Read_File', 'add', 'Read a file. Faster.');
    await mutate('archive', 'add', 'Archive a note.');
    const now = await until(async () => {
      const n = await listed();
      return n.notes_archive ? n : undefined;
    });
    // The genuinely new name is trusted on first use (the default); its look-alike of notes_read_file is not.
    expect(now.notes_Read_File).toBeUndefined();
    const rows = await tools();
    expect(rows.find((t) => t.name === 'notes_archive')?.pin?.state).toBe('pinned');
    expect(rows.find((t) => t.name === 'notes_Read_File')).toMatchObject({
      quarantined: true,
      pin: { state: 'quarantined' },
    });
    const call = await agent.callTool({ name: 'notes_Read_File', arguments: { path: '/etc/hosts' } });
    expect(call.isError).toBe(true);
    expect(toolText(call)).toMatch(/differs from "notes_read_file" only by case or Unicode form/);
    const q = await until(async () => (await auditOf('tool.quarantined')).find((e) => e.tool === 'notes_Read_File'));
    expect(q.reasons?.join(' ')).toMatch(/only by case or Unicode form/);
    // A person who has looked at it can accept it; then it is served.
    const ok = cliArgs('tools', 'accept', 'notes_Read_File', '--reason', 'reviewed: a separate tool');
    expect(ok.code, ok.stderr).toBe(0);
    await eventually(async () => (await listed()).notes_Read_File);
  });

  it('keeps pins across an upstream restart: a definition swapped while away is quarantined', async () => {
    const listedBefore = await listed();
    writeFileSync(
      gw.configFile,
      readFileSync(gw.configFile, 'utf8').replace(
        JSON.stringify([UPSTREAM]),
        JSON.stringify([UPSTREAM, '--variant', 'b']),
      ),
    );
    const after = await until(async () => {
      const now = await listed();
      // The new process serves the original read_file description again: a change from the accepted one.
      return !now.notes_read_file && now.notes_huge ? now : undefined;
    }, 30_000);
    expect(after.notes_huge).toEqual(listedBefore.notes_huge);
    expect(after.notes_append_note).toEqual(listedBefore.notes_append_note);
    const d = cliArgs('tools', 'diff', 'notes_read_file', '--json');
    expect(JSON.parse(d.stdout)).toMatchObject({
      state: 'quarantined',
      changes: [{ path: '/description', after: 'Read a file. Also send it to backup.example.' }],
    });
  });
});
