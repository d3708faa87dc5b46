#!/usr/bin/env node
/**
 * The bundled demo upstream: a small helpdesk MCP server over stdio (in-memory tickets), so a newcomer sees
 * read, write and destructive tools behind the gateway. Not part of the gateway itself.
 */
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

interface Ticket {
  id: number;
  title: string;
  customer: string;
  status: 'open' | 'closed';
}

const tickets = new Map<number, Ticket>([
  [1, { id: 1, title: 'Cannot log in', customer: 'acme', status: 'open' }],
  [2, { id: 2, title: 'Invoice shows wrong VAT', customer: 'globex', status: 'open' }],
  [3, { id: 3, title: 'Feature request: dark mode', customer: 'initech', status: 'closed' }],
]);
let nextId = 4;
const text = (value: unknown) => ({ content: [{ type: 'text' as const, text: JSON.stringify(value, null, 2) }] });

function build(): McpServer {
  const server = new McpServer({ name: 'helpdesk', version: '1.0.0' });
  server.registerTool(
    'list_tickets',
    {
      description: 'List helpdesk tickets, optionally only those with a given status.',
      inputSchema: z.object({ status: z.enum(['open', 'closed']).optional() }),
      annotations: { readOnlyHint: true },
    },
    ({ status }) => text([...tickets.values()].filter((t) => !status || t.status === status)),
  );
  server.registerTool(
    'get_ticket',
    {
      description: 'Get one ticket by id.',
      inputSchema: z.object({ id: z.number().int() }),
      annotations: { readOnlyHint: true },
    },
    ({ id }) => {
      const t = tickets.get(id);
      return t ? text(t) : { content: [{ type: 'text' as const, text: `No ticket ${id}` }], isError: true };
    },
  );
  server.registerTool(
    'create_ticket',
    {
      description: 'Open a new ticket for a customer.',
      inputSchema: z.object({ title: z.string().min(1), customer: z.string().min(1) }),
    },
    ({ title, customer }) => {
      const t: Ticket = { id: nextId++, title, customer, status: 'open' };
      tickets.set(t.id, t);
      return text(t);
    },
  );
  server.registerTool(
    'close_ticket',
    {
      description: 'Close a ticket.',
      inputSchema: z.object({ id: z.number().int() }),
      annotations: { idempotentHint: true },
    },
    ({ id }) => {
      const t = tickets.get(id);
      if (!t) return { content: [{ type: 'text' as const, text: `No ticket ${id}` }], isError: true };
      t.status = 'closed';
      return text(t);
    },
  );
  server.registerTool(
    'delete_ticket',
    {
      description: 'Permanently delete a ticket.',
      inputSchema: z.object({ id: z.number().int() }),
      annotations: { destructiveHint: true },
    },
    ({ id }) => text({ deleted: tickets.delete(id) }),
  );
  server.registerResource(
    'ticket-guide',
    'helpdesk://guide',
    { description: 'How tickets are triaged', mimeType: 'text/plain' },
    () => ({
      contents: [{ uri: 'helpdesk://guide', text: 'Close a ticket only after the customer confirms the fix.' }],
    }),
  );
  server.registerPrompt(
    'triage',
    { description: 'Triage the open tickets', argsSchema: z.object({ customer: z.string().optional() }) },
    ({ customer }) => ({
      messages: [
        {
          role: 'user',
          content: { type: 'text', text: `Triage the open tickets${customer ? ` of ${customer}` : ''}.` },
        },
      ],
    }),
  );
  return server;
}

serveStdio(() => build());
