/**
 * Marks removed (marks-removed.ts, ADR 0008): taking a follow, vote, bookmark, rating, tag or a JSON:API relationship's
 * linkage off a thing is a plain change; deleting a tag or label itself, or loss wording, stays destructive. Invented
 * tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('taking a mark off a thing destroys nothing', () => {
  it('follows, bookmarks, ratings, votes, labels on a record, relationship links: a data change, not destructive', () => {
    const results = [
      classifyOperation('DELETE /me/follows/artists/{artistId}', 'deleteFollowedArtist', 'Unfollow an artist.', {
        artistId: str(),
      }),
      classifyOperation('DELETE /profile/bookmarks/{itemId}', 'deleteBookmark', 'Deletes a bookmark.', {
        itemId: str(),
      }),
      classifyOperation('DELETE /users/{id}/songs/{songId}/rating', 'deleteSongRating', "Deletes a user's rating.", {
        id: str(),
        songId: str(),
      }),
      classifyOperation(
        'DELETE /tickets/{id}/labels/{labelId}',
        'ticketLabelDelete',
        'Removes a label from a ticket.',
        {
          id: str(),
          labelId: str(),
        },
      ),
      classifyOperation('DELETE /v1/apps/{id}/relationships/screens', 'apps-screens-delete', 'Unlinks screens.', {
        id: str(),
      }),
      classifyTool(toolDef('remove_vote', 'Remove a vote.', { poll: str() }), mcpSource),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).not.toContain('destructive');
      expect(a.sideEffect, a.reasons.join(' | ')).toBe('data-change');
    }
  });

  it('a relationship to users or groups is their access: administrative', () => {
    const a = classifyOperation('DELETE /v1/apps/{id}/relationships/betaTesters', 'apps-testers-delete', 'Unlinks.', {
      id: str(),
    });
    expect(a.categories, a.reasons.join(' | ')).toContain('administrative');
    expect(a.sideEffect).toBe('data-change');
  });

  it('deleting a tag or label itself, a bookmark with loss wording, or a mark noun nowhere: still destructive', () => {
    const results = [
      classifyOperation('DELETE /labels/{labelId}', 'deleteLabel', 'Deletes a label.', { labelId: str() }),
      classifyOperation('DELETE /me/bookmarks/{id}', 'deleteBookmark', 'Permanently deletes the bookmark.', {
        id: str(),
      }),
      classifyTool(toolDef('delete_tag', 'Delete a tag by id.', { id: str() }), mcpSource),
      classifyOperation('DELETE /shows/{showId}', 'deleteShow', 'Deletes a show and its votes.', { showId: str() }),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).toContain('destructive');
  });
});
