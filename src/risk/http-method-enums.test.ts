/**
 * HTTP-method choices (http-method-enums.ts, ADR 0008): a `method` field listing GET, POST, PUT, DELETE… names another
 * request's or a route's method; defining a route or a mock response for DELETE deletes nothing. A tool that sends
 * the request with the method chosen changes what each call's URL names: a change without category (thirty-fourth
 * round, docs/risk.md). Invented tools.
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

  it('a tool that sends the request with the chosen method changes remote state of no named kind', () => {
    const send = classifyTool(
      toolDef('http_request', 'Make an HTTP request.', { url: { type: 'string' }, method: methods }),
      mcpSource,
    );
    const passthrough = classifyTool(
      toolDef('acme_api_request', 'Make an authenticated request to the Acme API', {
        method: { type: 'string', enum: ['GET', 'POST', 'DELETE'] },
        path: { type: 'string' },
        body: { type: 'object' },
      }),
      mcpSource,
    );
    // A fetch whose method is chosen sends it; its `credentials` mode (omit, same-origin, include) holds no secret.
    const fetch = classifyTool(
      toolDef('fetch_url', 'Fetch a URL with full control over the request.', {
        url: { type: 'string' },
        method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'DELETE', 'HEAD'] },
        credentials: { type: 'string', enum: ['omit', 'same-origin', 'include'] },
      }),
      mcpSource,
    );
    for (const a of [send, passthrough, fetch]) {
      expect(a.sideEffect, a.reasons.join(' | ')).toBe('data-change');
      expect(a.categories, a.reasons.join(' | ')).toEqual([]);
      expect(a.level).toBe('medium');
    }
    // Safe methods only: the fetch reads.
    const safeOnly = classifyTool(
      toolDef('fetch_page', 'Fetch a web page.', {
        url: { type: 'string' },
        method: { type: 'string', enum: ['GET', 'HEAD'] },
      }),
      mcpSource,
    );
    expect(safeOnly.sideEffect, safeOnly.reasons.join(' | ')).not.toBe('data-change');
  });

  it('a method filter of a read, and a link generated for a method, send nothing', () => {
    const filter = classifyTool(
      toolDef('list_captured_requests', 'List the network requests the page made.', { method: methods }),
      mcpSource,
    );
    expect(filter.sideEffect, filter.reasons.join(' | ')).toBe('none');
    const link = classifyTool(
      toolDef('generate_presigned_link', 'Generate a pre-signed link to an object for the given method.', {
        object: { type: 'string' },
        method: { type: 'string', enum: ['GET', 'PUT', 'DELETE'] },
      }),
      mcpSource,
    );
    expect(link.categories, link.reasons.join(' | ')).not.toContain('destructive');
  });

  it('an operation selector keeps its values', () => {
    const selector = classifyTool(
      toolDef('manage_route', 'Manage routes.', {
        action: { type: 'string', enum: ['create', 'update', 'delete'] },
      }),
      mcpSource,
    );
    expect(selector.categories).toContain('destructive');
  });
});
