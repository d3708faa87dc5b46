#!/usr/bin/env node
// A stdio MCP server (official SDK v2) for approval tests: every execution of a tool appends one JSON line to
// $COUNT_FILE *before* it does anything else, so a test can count executions across gateway restarts.
import { appendFileSync } from 'node:fs';
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

const file = process.env.COUNT_FILE;
if (!file) throw new Error('COUNT_FILE is required');
const count = (tool, args) =>
  appendFileSync(
    file,
    `${JSON.stringify({ tool, args, pid: process.pid, t: performance.timeOrigin + performance.now() })}\n`,
  );
const text = (t) => ({ content: [{ type: 'text', text: String(t) }] });

function build() {
  const s = new McpServer({ name: 'counting-upstream', version: '1.0.0' });
  s.registerTool(
    'refund',
    {
      description: 'Refund a payment to the customer card (money leaves the company account).',
      inputSchema: z.object({ customer: z.string(), amount: z.number() }),
    },
    (args) => (count('refund', args), text(`refunded ${args.amount} to ${args.customer}`)),
  );
  s.registerTool(
    'delete_record',
    { description: 'Permanently delete a customer record.', inputSchema: z.object({ id: z.string() }) },
    (args) => (count('delete_record', args), text(`deleted ${args.id}`)),
  );
  s.registerTool(
    'wire_transfer',
    {
      description: 'Send a wire transfer payment to a bank account; takes ms milliseconds to settle.',
      inputSchema: z.object({ account: z.string(), amount: z.number(), ms: z.number().int() }),
    },
    async (args) => {
      count('wire_transfer', args);
      await new Promise((r) => setTimeout(r, args.ms));
      return text(`transferred ${args.amount} to ${args.account}`);
    },
  );
  s.registerTool(
    'get_balance',
    { description: 'Read the account balance.', inputSchema: z.object({ account: z.string() }) },
    (args) => (count('get_balance', args), text(`balance of ${args.account}: 100`)),
  );
  return s;
}

serveStdio(() => build());
