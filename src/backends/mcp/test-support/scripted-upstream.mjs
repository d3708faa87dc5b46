#!/usr/bin/env node
// A hand-written stdio MCP server (2025-11-25) whose tools/call answers are scripted byte for byte, so a test can
// hold the gateway's lean tools/call path and the SDK client's path to the same results and errors (lean-calls.ts).
import { createInterface } from 'node:readline';

const text = (t) => ({ type: 'text', text: t });
const cancellations = [];
/** Tool name -> the response member: { result } or { error }. */
const script = {
  plain: { result: { content: [text('hi')] } },
  tool_error: { result: { content: [text('no')], isError: true } },
  image: { result: { content: [{ type: 'image', data: 'AAAA', mimeType: 'image/png' }] } },
  annotated: { result: { content: [{ ...text('a'), annotations: { priority: 0.5 } }] } },
  extra_block_key: { result: { content: [{ ...text('a'), extra: 1 }] } },
  extra_top: { result: { content: [text('a')], extra: 1 } },
  result_type: { result: { content: [text('a')], resultType: 'complete' } },
  meta: { result: { content: [text('a')], _meta: { a: 1 } } },
  structured: { result: { content: [text('a')], structuredContent: { n: 1 } } },
  invalid_text: { result: { content: [{ type: 'text', text: 5 }] } },
  no_content: { result: {} },
  rpc_error: { error: { code: -32000, message: 'boom', data: { x: 1 } } },
  rpc_invalid_params: { error: { code: -32602, message: 'bad' } },
};
const tools = [...Object.keys(script), 'args', 'id_type', 'envelope_extra', 'never', 'cancellations'].map((name) => ({
  name,
  inputSchema: { type: 'object' },
}));
tools.push({
  name: 'with_output',
  inputSchema: { type: 'object' },
  outputSchema: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] },
});

const send = (m) => process.stdout.write(JSON.stringify(m) + '\n');
createInterface({ input: process.stdin }).on('line', (line) => {
  const m = JSON.parse(line);
  if (m.method === 'notifications/cancelled') return void cancellations.push(m.params.reason);
  if (m.id === undefined) return;
  const reply = (member) => send({ jsonrpc: '2.0', id: m.id, ...member });
  if (m.method === 'initialize')
    return reply({
      result: {
        protocolVersion: '2025-11-25',
        capabilities: { tools: {} },
        serverInfo: { name: 'scripted', version: '1.0.0' },
      },
    });
  if (m.method === 'tools/list') return reply({ result: { tools } });
  if (m.method !== 'tools/call') return reply({ error: { code: -32601, message: 'Method not found' } });
  const { name, arguments: args } = m.params;
  if (name === 'never') return;
  if (name === 'args') return reply({ result: { content: [text(JSON.stringify(args))] } });
  if (name === 'id_type') return reply({ result: { content: [text(typeof m.id)] } });
  if (name === 'cancellations') return reply({ result: { content: [text(JSON.stringify(cancellations))] } });
  if (name === 'with_output') return reply({ result: { content: [text('a')], structuredContent: { n: 'x' } } });
  if (name === 'envelope_extra')
    return send({ jsonrpc: '2.0', id: m.id, result: { content: [text('a')] }, extra: true });
  reply(script[name] ?? { error: { code: -32602, message: `unknown tool ${name}` } });
});
