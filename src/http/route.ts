import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One route of the gateway's HTTP listener. `paths` names every path it answers (a group of API paths names each
 * group's root), so the listener can say what it serves: the security-headers test walks that list rather than a
 * hand-written one, and a new route is in it the moment it is registered.
 */
export interface HttpRoute {
  paths(): readonly string[];
  /** Answers the request and returns true, or returns false when the path is not this route's. */
  serve(req: IncomingMessage, res: ServerResponse, url: URL): boolean | Promise<boolean>;
}
