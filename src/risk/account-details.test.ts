/**
 * Account details (account-details.ts, ADR 0008): an IBAN, an account and routing number or a card's number stored on a
 * record identify its holder's account (personal data); storing them moves no money. A payment, a transfer or an amount
 * with its currency beside them still does. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe("an account's details are its holder's record, not money moving", () => {
  it("storing a supplier's, a landlord's or a vendor's bank or card details moves no money", () => {
    const results = [
      classifyOperation('PUT /suppliers/{id}/bank-details', 'replaceSupplierBankDetails', 'Replaces bank details.', {
        id: str(),
        iban: str(),
        bic: str(),
      }),
      classifyOperation('POST /landlords', 'addLandlord', 'Adds a landlord.', {
        nickname: str(),
        account_number: str(),
        routing_number: str(),
      }),
      classifyTool(
        toolDef('vendor_edit', 'Edit a vendor record.', { vendorId: str(), label: str(), accountNumber: str() }),
        mcpSource,
      ),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).not.toContain('financial');
      expect(a.categories, a.reasons.join(' | ')).toContain('personal-data');
      expect(a.reasons.join(' ')).toMatch(/an account's details identify its holder/);
      expect(a.level).toBe('medium');
    }
  });

  it('a transfer, a payment or an amount with its currency beside the details stays financial', () => {
    const results = [
      classifyOperation('POST /transfers', 'createTransfer', 'Creates a transfer to a bank account.', {
        iban: str(),
        reference: str(),
      }),
      classifyOperation('POST /suppliers/{id}/remittances', 'addRemittance', 'Adds a remittance.', {
        id: str(),
        iban: str(),
        amount: str(),
        currency: str(),
      }),
      classifyTool(
        toolDef('charge_card', 'Charge a card.', { cardNumber: str(), cvc: str(), amount: str(), currency: str() }),
        mcpSource,
      ),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).toContain('financial');
  });
});
