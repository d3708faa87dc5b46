/**
 * Cancelling a scheduled send stops a delivery that has not happened; it destroys nothing kept (scheduled-sends.ts).
 * Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('scheduled sends cancelled', () => {
  it('cancelling a scheduled message, also by DELETE, is a plain change', () => {
    const deleted = classifyOperation(
      'DELETE /newsletters/scheduled/{id}',
      'deleteScheduledNewsletter',
      'Cancels a scheduled newsletter before it is sent.',
      { id: str() },
    );
    const tool = classifyTool(
      toolDef('unschedule_notification', 'Unschedule a push notification that was scheduled for later.', {
        notification_id: str(),
      }),
      mcpSource,
    );
    for (const a of [deleted, tool]) {
      expect(a.sideEffect, a.reasons.join(' | ')).toBe('data-change');
      expect(a.categories, a.reasons.join(' | ')).not.toContain('destructive');
      expect(a.level, a.reasons.join(' | ')).toBe('medium');
    }
  });

  it('deleting a sent message, a schedule of something else, or with loss wording stays destructive', () => {
    const sent = classifyOperation('DELETE /messages/{id}', 'deleteMessage', 'Deletes a message.', { id: str() });
    const backups = classifyOperation(
      'DELETE /backups/schedule/{id}',
      'cancelBackupSchedule',
      'Cancels a scheduled backup and deletes its stored copies.',
      { id: str() },
    );
    const lost = classifyOperation(
      'DELETE /sms/scheduled/{id}',
      'cancelScheduledSms',
      'Cancels a scheduled SMS; its text is permanently removed.',
      { id: str() },
    );
    for (const a of [sent, backups, lost]) expect(a.categories, a.reasons.join(' | ')).toContain('destructive');
  });
});
