/**
 * Published content (published-content.ts, ADR 0008): publishing a record makes it live and sends nothing; publishing
 * a message to a topic, channel or queue is a send. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('publish: a record made live, or a message sent', () => {
  it('a CMS page, a catalogue item or an app version published or unpublished: a plain change, not a send', () => {
    const results = [
      classifyTool(toolDef('cms_publish_page', 'Publish a draft page.', { pageId: str() }), mcpSource),
      classifyTool(toolDef('unpublish_article', 'Take an article back to draft.', { id: str() }), mcpSource),
      classifyOperation('POST /products/{id}/publish', 'publishProduct', 'Make the product visible in the shop.', {
        id: str(),
      }),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).not.toContain('external-communication');
      expect(a.sideEffect).toBe('data-change');
      expect(a.reasons.join(' ')).toMatch(/makes the API's own record live, sends nothing/);
    }
  });

  it('a message to a topic, channel or queue stays a send', () => {
    const results = [
      classifyTool(toolDef('mqtt_publish', 'Publish a payload.', { topic: str(), payload: str() }), mcpSource),
      classifyTool(toolDef('publish', 'Publish a message to a channel.', { channel: str(), body: str() }), mcpSource),
      classifyOperation('POST /queues/{name}/publish', 'publishToQueue', 'Publish to the queue.', { name: str() }),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).toContain('external-communication');
      expect(a.sideEffect).toBe('irreversible');
    }
  });
});
