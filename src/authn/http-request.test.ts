import type { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { authRequestOf } from './http-request.js';

describe('authRequestOf', () => {
  it("carries the request's socket as its connection (the API key's digest is kept per connection, Decision 49)", () => {
    const socket = new Socket();
    const req = { socket, headers: { authorization: 'Bearer pcl_x' } } as unknown as IncomingMessage;
    const a = authRequestOf(req);
    expect(a.connection).toBe(socket);
    expect(a.authorization).toBe('Bearer pcl_x');
    // Another request on the same socket names the same connection.
    expect(authRequestOf({ socket, headers: {} } as unknown as IncomingMessage).connection).toBe(a.connection);
    socket.destroy();
  });
});
