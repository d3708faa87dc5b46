/**
 * HTTP-method choices (http-method-enums.ts, ADR 0008): a `method` field listing GET, POST, PUT, DELETE… names another
 * request's or a route's method; defining a route or a mock response for DELETE deletes nothing. A tool that sends
 * the request keeps every value (fail closed). Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, toolDef } from './test-support/schema-builders.js';

const methods = { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] };

describe('a method choice of HTTP methods is not the tool’s own operation', () => {
  it('defining a route or a canned response for a method is a plain change or a read', () => {
    const route = classifyTool(
      toolDef('add_mock_response', 'Add a canned response to the mock server.', {
        path: { type: 'string' },
        method: methods,
      }),
      mcpSource,
    );
    const edit = classifyTool(
      toolDef('update_endpoint', 'Update an endpoint definition.', { id: { type: 'string' }, method: methods }),
      mcpSource,
    );
    const canned = classifyOperation('PUT /stubs/{stub}/answers/{method}', 'putStubAnswer', 'Sets the answer.', {
      stub: { type: 'string' },
      method: methods,
    });
    for (const a of [route, edit, canned]) {
      expect(a.categories, a.reasons.join(' | ')).not.toContain('destructive');
      expect(a.sideEffect).toBe('data-change');
      expect(a.level).toBe('medium');
    }
    const read = classifyOperation('GET /stubs/{stub}/answers/{method}', 'getStubAnswer', 'Gets the answer.', {
      stub: { type: 'string' },
      method: methods,
    });
    expect(read.sideEffect, read.reasons.join(' | ')).toBe('none');
    expect(read.level).toBe('low');
  });

  it('a tool that sends the request with the chosen method, or an operation selector, keeps its values', () => {
    const send = classifyTool(
      toolDef('http_request', 'Make an HTTP request.', { url: { type: 'string' }, method: methods }),
      mcpSource,
    );
    expect(send.categories, send.reasons.join(' | ')).toContain('destructive');
    const selector = classifyTool(
      toolDef('manage_route', 'Manage routes.', {
        action: { type: 'string', enum: ['create', 'update', 'delete'] },
      }),
      mcpSource,
    );
    expect(selector.categories).toContain('destructive');
  });
});
