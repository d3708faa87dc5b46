/**
 * Running stops (running-stops.ts, ADR 0008): an operation named for stopping, pausing, restarting or reloading a running
 * thing, whose description says so, changes state even when served by GET. Names that only name what is read, or
 * whose description reads, stay reads. Invented operations.
 */
import { describe, expect, it } from 'vitest';
import { classifyOperation, str } from './test-support/schema-builders.js';

describe('stopping or reloading a running thing acts despite GET', () => {
  it('a GET that stops a crawl, pauses a job, restarts a worker or reloads the rules changes state', () => {
    const results = [
      classifyOperation('GET /crawls/{id}/halt', 'HaltCrawlEndpoint', 'Halt the crawl identified by id.', {
        id: str(),
      }),
      classifyOperation('GET /jobs/{id}/pause', 'pauseJob', 'Pause a job.', { id: str() }),
      classifyOperation(
        'GET /admin/worker/restart',
        'restartWorkerGet',
        'Worker\n\nRestart the background worker.',
        {},
      ),
      classifyOperation(
        'GET /rules/reload',
        'reloadRulesEndpoint',
        'Rules reloading endpoint\n\nReload the rules.',
        {},
      ),
    ];
    for (const a of results) {
      expect(a.sideEffect, a.reasons.join(' | ')).toBe('data-change');
      expect(a.reasons[0]).toMatch(/in operationId and description despite GET/);
    }
  });

  it('a GET that names what it reads, or starts a search, stays a read', () => {
    const results = [
      classifyOperation('GET /stops', 'StopsList', 'Get the bus stops near a point.', { lat: str(), lon: str() }),
      classifyOperation('GET /jobs/{id}/pause-history', 'pauseHistoryOfJob', 'Returns when a job was paused.', {
        id: str(),
      }),
      classifyOperation('GET /spaces/{id}/search', 'startSpaceSearch', 'Start a detailed search in a space.', {
        id: str(),
      }),
    ];
    for (const a of results) expect(a.sideEffect, a.reasons.join(' | ')).toBe('none');
  });
});
