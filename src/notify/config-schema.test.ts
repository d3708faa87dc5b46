import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../config/errors.js';
import { parseConfigText } from '../config/load.js';
import { checkChannelReference, notificationsConfigSchema } from './config-schema.js';

const issuesOf = (text: string) => {
  try {
    parseConfigText(text, '/etc/portcullis.yaml', {});
  } catch (e) {
    if (e instanceof ConfigError) return e.issues;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('notifications config', () => {
  it('parses webhook and slack channels with delivery defaults; references stay unresolved', () => {
    const c = parseConfigText(
      [
        'notifications:',
        '  channels:',
        '    approvers:',
        '      type: webhook',
        '      url: https://hooks.example.com/portcullis',
        '      secret: ${secret:APPROVER_HOOK_KEY}',
        '    chat:',
        '      type: slack',
        '      url: ${secret:SLACK_WEBHOOK_URL}',
      ].join('\n'),
      'x.yaml',
      {},
    );
    expect(c.notifications.channels.approvers).toEqual({
      type: 'webhook',
      url: 'https://hooks.example.com/portcullis',
      secret: '${secret:APPROVER_HOOK_KEY}',
      timeoutMs: 5000,
      maxAttempts: 6,
      initialDelayMs: 1000,
      maxDelayMs: 60000,
    });
    expect(c.notifications.channels.chat).toMatchObject({ type: 'slack', url: '${secret:SLACK_WEBHOOK_URL}' });
  });

  it.each([
    ['a webhook without a secret', 'type: webhook\n      url: https://h.example', 'notifications.channels.c.secret', 4],
    [
      'a literal secret',
      'type: webhook\n      url: https://h.example\n      secret: hunter2',
      'notifications.channels.c.secret',
      6,
    ],
    ['a non-http URL', 'type: slack\n      url: ftp://h.example', 'notifications.channels.c.url', 5],
    ['an unknown type', 'type: teams\n      url: https://h.example', 'notifications.channels.c.type', 4],
  ])('refuses %s, naming file, line and path', (_name, body, path, line) => {
    const issues = issuesOf(`notifications:\n  channels:\n    c:\n      ${body}\n`);
    expect(issues[0]).toMatchObject({ file: '/etc/portcullis.yaml', path, line });
    expect(JSON.stringify(issues)).not.toContain('hunter2');
  });

  it('checkChannelReference: an unknown channel is an error at the referring key, with a suggestion', () => {
    const schema = z
      .object({ notifications: notificationsConfigSchema, rule: z.object({ notify: z.array(z.string()) }) })
      .superRefine((c, ctx) =>
        c.rule.notify.forEach((ch, i) => checkChannelReference(c.notifications, ch, ['rule', 'notify', i], ctx)),
      );
    const r = schema.safeParse({
      notifications: { channels: { approvers: { type: 'slack', url: 'https://h.example' } } },
      rule: { notify: ['approvers', 'aprovers'] },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([
      expect.objectContaining({
        path: ['rule', 'notify', 1],
        message:
          'notification channel "aprovers" is not defined under notifications.channels (did you mean "approvers"?)',
      }),
    ]);
  });
});
