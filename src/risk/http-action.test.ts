/**
 * POST operations named after a read: a read only on stated evidence, and never against a change the path,
 * summary or schema states; and the reverse (POST searches and read-only RPCs stay reads).
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject, ToolDefinition } from '../core/tool.js';
import { classifyTool } from './classify.js';
import { api, obj, str } from './test-support/schema-builders.js';

const def = (name: string, props: JsonObject, description?: string): ToolDefinition => ({
  name,
  inputSchema: obj(props),
  ...(description ? { description } : {}),
});

describe('POST named get/verify/check that changes state', () => {
  it('a write verb in the path outweighs the leading read of the operationId', () => {
    const a = classifyTool(
      def('getApplyDiscount', { id: str() }),
      api('POST', '/v1/invoice/{id}/apply-discount', 'getApplyDiscount'),
    );
    expect(a.sideEffect).not.toBe('none');
    expect(a.reasons[0]).toMatch(/in path/);
  });

  it('a write coordinated with the read in the summary ("Get/Update") makes it a change', () => {
    const a = classifyTool(
      def('fetchShippingQuote', { id: str() }),
      api('POST', '/v1/orders/{id}/shipping-quote', 'fetchShippingQuote', 'Fetch/Update shipping quote'),
    );
    expect(a.sideEffect).toBe('data-change');
  });

  it('verifying with a one-time code confirms an action: a transfer confirmed so is financial, high', () => {
    const a = classifyTool(
      def('verifyTransfer', { id: str(), otp_code: str() }, 'Confirms the transfer with the 2FA code you received.'),
      api('POST', '/v1/transfers/{id}/verify', 'verifyTransfer'),
    );
    expect(a.sideEffect).not.toBe('none');
    expect(a.categories).toContain('financial');
    expect(a.level).toBe('high');
    expect(a.reasons[0]).toMatch(/one-time code/);
  });

  it('the reverse: POST searches and a POST whose description opens with a read stay reads', () => {
    const search = classifyTool(
      def('searchOrders', { query: str() }),
      api('POST', '/v1/orders/search', 'searchOrders'),
    );
    expect(search.sideEffect).toBe('none');
    const rpc = classifyTool(
      def(
        'docs.files.testAccess',
        { resource: str(), permissions: str() },
        'Returns the permissions the caller has on a file.',
      ),
      api('POST', '/v1/{resource}:testAccess', 'docs.files.testAccess'),
    );
    expect(rpc.sideEffect).toBe('none');
    // A plain "validate" without a code or stated change is still a read.
    const validate = classifyTool(
      def('validateAddress', { street: str(), city: str() }),
      api('POST', '/v1/addresses/validate', 'validateAddress'),
    );
    expect(validate.sideEffect).toBe('none');
  });
});
