/** Faces are biometric data (biometrics.ts, ADR 0008): personal data whether read or changed. Invented tools. */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe("a person's face is personal data", () => {
  it('face search, face lists, detected faces: personal data', () => {
    const results = [
      classifyTool(toolDef('match_face', 'Match a face against the enrolled gallery.', { image: str() }), mcpSource),
      classifyOperation('POST /face-lists/{id}/entries', 'addFaceEntry', 'Add an entry to a list.', { id: str() }),
      classifyOperation('GET /detections', 'listDetections', 'Lists the faces detected in recent uploads.', {}),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).toContain('personal-data');
  });

  it('not Hugging Face, a typeface or a face value', () => {
    const results = [
      classifyTool(toolDef('hub_search', 'Search Hugging Face models.', { q: str() }), mcpSource),
      classifyOperation('GET /fonts/{id}', 'getFontFace', 'Get a font face.', { id: str() }),
      classifyOperation('GET /bonds/{id}', 'getBond', 'Returns the face value of a bond.', { id: str() }),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).not.toContain('personal-data');
  });
});
