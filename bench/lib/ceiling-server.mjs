#!/usr/bin/env node
// The ceiling: a hand-written node:http JSON-RPC server that answers the bench's MCP requests itself (initialize,
// notifications, tools/call `echo`) with a single JSON response each. No SDK, no upstream process, no security: the
// fastest thing that can answer this load on this machine. Bench only.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

const sessions = new Set();
const json = (res, status, body, headers = {}) => {
  const s = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s), ...headers });
  res.end(s);
};
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let msg;
    try {
      msg = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return json(res, 400, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
    }
    if (msg.method === 'initialize') {
      const sid = randomUUID();
      sessions.add(sid);
      const result = {
        protocolVersion: msg.params?.protocolVersion ?? '2025-11-25',
        capabilities: { tools: {} },
        serverInfo: { name: 'ceiling', version: '1' },
      };
      return json(res, 200, { jsonrpc: '2.0', id: msg.id, result }, { 'mcp-session-id': sid });
    }
    if (!sessions.has(req.headers['mcp-session-id']))
      return json(res, 404, { jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found' } });
    if (msg.id === undefined) {
      res.writeHead(202).end();
      return;
    }
    if (msg.method === 'tools/call' && msg.params?.name === 'echo') {
      const text = `echo: ${String(msg.params.arguments?.message)}`;
      return json(res, 200, { jsonrpc: '2.0', id: msg.id, result: { content: [{ type: 'text', text }] } });
    }
    return json(res, 200, { jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'Method not found' } });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${server.address().port}/mcp\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
