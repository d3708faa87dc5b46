/**
 * Upload targets (upload-targets.ts, ADR 0008): a tool that hands out a URL, an uploader's URL or the signed form fields
 * to upload or stream to gives its holder a way to write into the account: a bearer credential. A tool that uploads and
 * says where the file now lives, or a release record with an `upload_url` field, is not one. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, obj, str, toolDef } from './test-support/schema-builders.js';

describe('a URL to upload or stream to is a credential', () => {
  it('handing out an upload URL, a stream URL or upload form fields is credential-access', () => {
    const results = [
      classifyOperation('GET /attachments/upload-link', 'getAttachmentUploadLink', 'Prepare an upload link.', {}),
      classifyOperation('POST /channels/{id}/ingest', 'channelIngest', 'Returns the ingest URL for an encoder.', {
        id: str(),
      }),
      classifyOperation('POST /clips/{id}/form', 'clipForm', 'Return the form fields needed for uploading a clip.', {
        id: str(),
      }),
      classifyTool(toolDef('podcast_widget', 'Returns a link to an uploader page for listeners.', {}), mcpSource),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).toContain('credential-access');
      expect(a.reasons.join(' ')).toMatch(/returns an upload or stream target/);
      expect(a.level).toBe('high');
    }
  });

  it('an upload that returns where the file lives, or a record carrying an upload_url field, is not one', () => {
    const upload = classifyTool(
      toolDef('upload_image', 'Uploads an image and returns its public URL.', { file: str() }),
      mcpSource,
    );
    const release = classifyOperation(
      'GET /releases/{id}',
      'getRelease',
      'Get a release.',
      { id: str() },
      {
        outputSchema: obj({ name: str(), upload_url: str('The URI template assets are uploaded to.') }),
      },
    );
    for (const a of [upload, release]) expect(a.categories, a.reasons.join(' | ')).not.toContain('credential-access');
  });
});
