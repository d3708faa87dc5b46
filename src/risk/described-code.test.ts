/**
 * Described code (described-code.ts, ADR 0008): a field whose description says it is code that is run carries the
 * caller's code whatever its name: code execution, by default irreversible. A promo code or a country code is no code.
 * Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('a field described as code that is run', () => {
  it('runs the caller’s code, whatever the field is called', () => {
    const search = classifyOperation('POST /photos/search', 'searchPhotos', 'Find photos matching any criteria.', {
      predicate: str('Python code to be run on each photo record; it returns true to keep the photo.'),
    });
    const transform = classifyTool(
      toolDef('transform_rows', 'Transform the rows of a sheet.', {
        sheet: str(),
        mapper: str('A Lua snippet that is executed for every row.'),
      }),
      mcpSource,
    );
    for (const a of [search, transform]) {
      expect(a.categories, a.reasons.join(' | ')).toContain('code-execution');
      expect(a.sideEffect).toBe('irreversible');
      expect(a.level).toBe('high');
    }
  });

  it('a code that is a value (a promo, country or error code) is no code', () => {
    const promo = classifyOperation('POST /baskets/{id}/vouchers', 'addVoucher', 'Adds a voucher.', {
      id: str(),
      voucher: str('The promo code to apply to the basket.'),
      country: str('Code of the country to run the promotion in.'),
    });
    expect(promo.categories, promo.reasons.join(' | ')).not.toContain('code-execution');
  });
});
