/**
 * A bank or card account's details are a record of its holder, not money moving (twenty-sixth round; docs/risk.md,
 * financial and personal-data).
 *
 * An IBAN (ISO 13616), a domestic account and routing number, or a card's number and security code (ISO/IEC 7812) say
 * which account a person or business holds: storing or editing them (a supplier's bank details, a partner record, a
 * bill's remittance account, a sign-up form) moves no money and commits no one to pay, as adding a card on file does not
 * (docs/risk.md: a payment card is an instrument kept on file, personal data when its details are). The payment, the
 * transfer or the charge that uses the account does.
 *
 * So where `financial` rests only on such account-detail fields, the category is dropped with the reason and the details
 * count as `personal-data` (docs/risk.md lists card and bank account numbers among personal fields). Any other money
 * evidence beside them (a pay or transfer verb, an amount with its currency, a payment or invoice noun) keeps it.
 */
import { addCategory, type Signals } from './signals.js';

/** Account-detail fields (joined, lower case) among field-signals.ts's financial fields. */
const accountFields = new Set(['iban', 'accountnumber', 'routingnumber', 'cardnumber', 'cvc', 'cvv']);
const fieldReason = /^field '([^']+)'$/;

const joined = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Drops `financial` that rests only on account-detail fields, which are personal data (module comment). */
export function accountDetails(s: Signals): void {
  const why = s.categories.get('financial');
  // Three reasons is the cap (signals.ts): a fourth, other piece of money evidence may have been left off.
  if (!why || why.length === 0 || why.length >= 3) return;
  const names = why.map((r) => fieldReason.exec(r)?.[1]);
  if (!names.every((n) => n !== undefined && accountFields.has(joined(n)))) return;
  s.categories.delete('financial');
  const reason = `${why.join(', ')}: an account's details identify its holder; storing them moves no money`;
  s.reasons.push(reason);
  if (!s.categories.has('personal-data')) addCategory(s, 'personal-data', reason);
}
