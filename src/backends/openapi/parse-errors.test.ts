import { describe, expect, it } from 'vitest';
import { parseDocumentText } from './load-document.js';

/** A spec may hold a secret (an example key, a token in a URL): a parse error names file, line and column, never text. */
const SECRET = 'sk-live-0123456789abcdef';
const failure = (text: string, href: string) =>
  parseDocumentText(text, href).then(
    () => {
      throw new Error('parsed');
    },
    (e: Error) => e,
  );

describe('an OpenAPI document that does not parse', () => {
  it('JSON: names the file, line, column and what is wrong, and quotes none of the file', async () => {
    const e = await failure(`{\n  "openapi": "3.1.0",\n  "token": ${SECRET}\n}`, 'file:///specs/api.json');
    // V8 gives no position for an unexpected character (only a quote of the text around it): no line then.
    expect(e.message).toBe('Invalid JSON in /specs/api.json: unexpected character');
    expect(e.message).not.toContain('sk-live');
    expect(e.cause).toBeUndefined();
  });

  it('JSON cut short: says where the input ended', async () => {
    const e = await failure(`{"token": "${SECRET}"`, 'file:///specs/api.json');
    expect(e.message).toMatch(/^Invalid JSON in \/specs\/api\.json, line 1, column \d+: expected ',' or '}'/);
    expect(e.message).not.toContain('sk-live');
  });

  it('YAML: names the line and the kind of error, without the code frame', async () => {
    const e = await failure(`openapi: 3.1.0\ninfo:\n  title: x\n token: ${SECRET}\n  bad: [`, 'file:///specs/api.yaml');
    expect(e.message).toMatch(/^Cannot parse \/specs\/api\.yaml as JSON or YAML, line \d+, column \d+: [a-z ]+$/);
    expect(e.message).not.toContain('sk-live');
    expect(e.cause).toBeUndefined();
  });
});
