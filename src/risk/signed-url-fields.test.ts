/**
 * A field choosing how long a returned signed URL stays valid says the tool hands out a bearer link
 * (signed-url-fields.ts, thirtieth round); a tool that makes a document keeps it where the link points (a change).
 * Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

const num = (description: string) => ({ type: 'number', description });

describe('a signed URL whose lifetime a field sets', () => {
  it('a tool making a document behind one: credential-access, a change, high', () => {
    const results = [
      classifyTool(
        toolDef('render_invoice_pdf', 'Render an invoice to a PDF document with the chosen template.', {
          invoiceId: str(),
          linkTtl: num('Signed URL expiration time in seconds. Default: 900'),
        }),
        mcpSource,
      ),
      classifyTool(
        toolDef('slides_to_pdf', 'Convert a slide deck to a PDF file.', {
          deck: str(),
          signedUrlExpiresIn: num('How long the result link lasts, in seconds'),
        }),
        mcpSource,
      ),
      classifyOperation('POST /exports', 'exportSpreadsheet', 'Export a sheet as CSV.', {
        sheetId: str(),
        expires: num('Minutes until the pre-signed link to the export expires'),
      }),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).toContain('credential-access');
      expect(a.sideEffect, a.reasons.join(' | ')).toBe('data-change');
      expect(a.level).toBe('high');
    }
  });

  it('a tool whose subject is the link signs it for something already stored: a read with credential-access', () => {
    const a = classifyTool(
      toolDef('create_download_url', 'Generate a download URL for a stored object.', {
        key: str(),
        expiresIn: num('Signed URL expiry in seconds'),
      }),
      mcpSource,
    );
    expect(a.categories, a.reasons.join(' | ')).toContain('credential-access');
    expect(a.reasons.some((r) => r.includes('is stored where the link points'))).toBe(false);
  });

  it('a link lifetime without a signature, or a signature field without a lifetime, is no signed URL', () => {
    const results = [
      classifyTool(
        toolDef('convert_to_pdf', 'Convert a Word document to PDF.', {
          file: str(),
          linkExpiry: num('Days until the payment link in the footer expires'),
        }),
        mcpSource,
      ),
      classifyTool(
        toolDef('convert_image', 'Convert an image to PNG.', { source: str('A signed URL to read the image from') }),
        mcpSource,
      ),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).not.toContain('credential-access');
      expect(a.sideEffect, a.reasons.join(' | ')).toBe('none');
    }
  });
});
