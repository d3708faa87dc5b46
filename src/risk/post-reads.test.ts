/**
 * POST reads on stated evidence, twenty-seventh round: a name that only repeats the method states no action; what
 * the operation answers (201 Created / 202 Accepted only), a flag that keeps its result, and a description that
 * states a change after an ambiguous summary all stand against a read; a page fetched from a URL reaches the web.
 * Invented tools only.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject, ToolDefinition, ToolSource } from '../core/tool.js';
import { classifyTool } from './classify.js';
import { api, obj, str } from './test-support/schema-builders.js';

const def = (name: string, props: JsonObject, description?: string): ToolDefinition => ({
  name,
  inputSchema: obj(props),
  ...(description ? { description } : {}),
});

describe('a POST name that only repeats the method', () => {
  it('"post_decisions_/decisions" with a description that retrieves reads', () => {
    const a = classifyTool(
      def('post_decisions', { postcode: str() }, 'Retrieve the planning decisions recorded for a postcode.'),
      api('POST', '/decisions', 'post_decisions_/decisions'),
    );
    expect(a.sideEffect).toBe('none');
  });

  it('a write verb after the method word still counts: "post_create_decision" changes', () => {
    const a = classifyTool(
      def('post_create_decision', { postcode: str() }, 'Retrieve the form and file a planning decision.'),
      api('POST', '/decisions', 'post_create_decision'),
    );
    expect(a.sideEffect).not.toBe('none');
  });
});

describe('what a POST read answers, and what it keeps', () => {
  const faces = (createdOnly?: true): ToolSource => {
    const source = api('POST', '/faces', 'facesInPicture', 'Find all faces in the picture');
    return source.kind === 'openapi' && createdOnly ? { ...source, createdOnly } : source;
  };

  it('answers only 201 Created or 202 Accepted: it makes a task, not a read', () => {
    const d = def('facesInPicture', { image_url: str() });
    expect(classifyTool(d, faces()).sideEffect).toBe('none');
    expect(classifyTool(d, faces(true)).sideEffect).not.toBe('none');
  });

  it('a boolean input that keeps the result ("override") makes the calculation a change', () => {
    const src = api('POST', '/planning/bottom-up', 'bottomUpPlan', 'Bottom-up planning');
    const text = 'Bottom-up planning  Calculate the plan of each series and sum them up for the top level.';
    expect(classifyTool(def('bottomUpPlan', { series: str() }, text), src).sideEffect).toBe('none');
    expect(
      classifyTool(def('bottomUpPlan', { series: str(), override: { type: 'boolean' } }, text), src).sideEffect,
    ).not.toBe('none');
  });

  it('an ambiguous summary verb ("Test") does not read when the description states a send', () => {
    const src = api('POST', '/hooks/delivery/check', 'deliveryHookCheck', 'Test delivery hook');
    const a = classifyTool(
      def('deliveryHookCheck', {}, 'Test delivery hook  Trigger a sample event to be sent to your hook URL.'),
      src,
    );
    expect(a.sideEffect).not.toBe('none');
    const b = classifyTool(
      def('deliveryHookCheck', {}, 'Test delivery hook  Shows whether the hook answered its last delivery.'),
      src,
    );
    expect(b.sideEffect).toBe('none');
  });
});

describe('a page fetched from a URL', () => {
  it('"Generate a PDF file from a URL" reaches the web: external, not a local read', () => {
    const a = classifyTool(
      def('pdfFromPage', { url: str() }, 'Generate a PDF file from a URL with a headless renderer.'),
      api('POST', '/pdf/page', 'pdfFromPage', 'Generate a PDF file from a URL with a headless renderer.'),
    );
    expect(a.sideEffect).toBe('external');
  });
});

describe('"text" in a name', () => {
  const mcp = { kind: 'mcp', server: 't' } as const;
  it('texting someone leads the name: a send', () => {
    const a = classifyTool(def('text_contact', { phone: str(), body: str() }, 'Text a contact.'), mcp);
    expect(a.categories).toContain('external-communication');
  });

  it('the content, not a send: "text_to_speech", "notes_text_json_format"', () => {
    for (const name of ['text_to_speech', 'notes_text_json_format'])
      expect(classifyTool(def(name, { input: str() }), mcp).categories).not.toContain('external-communication');
  });
});
