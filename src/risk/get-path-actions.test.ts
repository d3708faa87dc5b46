/**
 * A GET whose literal path segment is a procedure named after a change (`/saveRevision`, `/addToGroup`,
 * `/confirm-new-email`) does it (get-path-actions.ts, thirtieth round); verb-nouns naming a resource stay reads.
 * Invented operations.
 */
import { describe, expect, it } from 'vitest';
import { classifyOperation, str } from './test-support/schema-builders.js';

describe('a GET named after a change in its path', () => {
  it('saves, adds or confirms: a change', () => {
    for (const [route, id] of [
      ['GET /saveDraft', 'saveDraftUsingGET'],
      ['GET /lists/{listId}/addToList/{itemId}', ''],
      ['GET /accounts/{id}/confirm-phone-change/{code}', 'confirmPhoneChange'],
      ['GET /removeBookmark', ''],
    ] as const) {
      const a = classifyOperation(route, id, '', { id: str() });
      expect(a.sideEffect, `${route}: ${a.reasons.join(' | ')}`).not.toBe('none');
      expect(
        a.reasons.some((r) => r.includes('names the action')),
        route,
      ).toBe(true);
    }
  });

  it('verb-nouns naming what is read, a lone verb-word segment or a read procedure stay reads', () => {
    for (const route of [
      'GET /v1/{parent}/patchDeployments',
      'GET /upload-tokens',
      'GET /reports/{id}/click-details',
      'GET /kpi/new_users/series',
      'GET /updates',
      'GET /getRevision',
      'GET /settings/addresses',
    ]) {
      const a = classifyOperation(route, '', '', {});
      expect(a.sideEffect, `${route}: ${a.reasons.join(' | ')}`).toBe('none');
    }
  });
});
