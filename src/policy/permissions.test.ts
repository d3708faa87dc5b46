import { describe, expect, it } from 'vitest';
import { agentSchema } from '../config/schema.js';
import { compilePermissions } from './permissions.js';

const perms = (cfg: unknown) => compilePermissions('bot', agentSchema.parse(cfg));

describe('agent permissions', () => {
  it('denies by default', () => {
    const d = perms({}).check('github_get_issue');
    expect(d).toMatchObject({ allow: false, rule: 'default-deny' });
  });
  it('allows by glob and names the rule and pattern', () => {
    const d = perms({ tools: { allow: ['github_get_*'] } }).check('github_get_issue');
    expect(d).toEqual({
      allow: true,
      rule: 'agents.bot.tools.allow',
      reasons: ['tool matches allow pattern "github_get_*"'],
    });
  });
  it('lets deny beat allow', () => {
    const p = perms({ tools: { allow: ['github_*'], deny: ['github_delete_*'] } });
    expect(p.check('github_delete_repo')).toMatchObject({ allow: false, rule: 'agents.bot.tools.deny' });
    expect(p.check('github_get_repo').allow).toBe(true);
  });
  it('does not let a prefix glob leak into another backend', () => {
    expect(perms({ tools: { allow: ['git_*'] } }).check('github_get_issue').allow).toBe(false);
  });
  it('checks resources as <server>:<uri> with * crossing /', () => {
    const p = perms({ resources: { allow: ['docs:file:///srv/docs/*'], deny: ['docs:file:///srv/docs/private/*'] } });
    expect(p.resource('docs', 'file:///srv/docs/a/b.md')).toBe(true);
    expect(p.resource('docs', 'file:///srv/docs/private/x')).toBe(false);
    expect(p.resource('other', 'file:///srv/docs/a')).toBe(false);
  });
});
