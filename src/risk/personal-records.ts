/**
 * Records about people (docs/risk.md, personal data). Built from documented taxonomies, not from one API's words:
 *
 * - GDPR Art. 4(1) (personal data: an identification number, location data, online identifier, physical,
 *   physiological, genetic, mental, economic, cultural or social identity) and Art. 9(1), the special categories:
 *   racial or ethnic origin, political opinions, religious or philosophical beliefs, trade-union membership, genetic
 *   and biometric data, health, sex life or sexual orientation.
 * - HR and payroll records (an employee's pay statements, earnings, salary, wage, deductions, benefits, time off,
 *   dependants and emergency contacts: the record types of HR information systems and of the ILO's wage statistics).
 * - Health records: HL7 FHIR's patient-compartment resources (conditions, allergies, medications, immunizations,
 *   encounters, appointments, diagnostic reports).
 * - Education records (FERPA: grades, transcripts, enrolments, attendance).
 * - A person's financial records (PSD2's account information: statements and transactions of a person's account).
 *
 * Two uses: a person noun followed by one of these record nouns stays the head of the phrase ("employee pay
 * statement", "customer transactions": the person's record, not a thing the person qualifies), and a person's path
 * segment ("/employees/{id}/earnings", "/users/{id}/transactions") with such a record after it returns that person's
 * records. A payment account or card (PSD2 Art. 4(12): an account held in the name of a payment service user) is a
 * person's too: its transactions and statements ("/accounts/{id}/transactions", "/cards/{id}/transactions") are the
 * account information PSD2 treats as the holder's data (twelfth round). Special-category and pay fields (input or output) carry personal data on their own (not "fingerprint": in APIs
 * it is a key's or certificate's hash).
 */
import { databaseProse } from './money-roles.js';
import { stem } from './tokens.js';

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter((w) => w.length > 0));

/** Record nouns (stemmed) whose records are about the person they belong to. */
export const recordsOfPerson: ReadonlySet<string> = words(
  // HR and payroll
  'pay paystatement paystub payslip paycheck payrun salary wage earning compensation deduction benefit timesheet ' +
    'timeoff absence dependent dependant beneficiary emergencycontact sensitive sensitivedata ' +
    // health (FHIR patient compartment)
    'health medical diagnosis allergy medication prescription immunization vaccination encounter appointment ' +
    // education (FERPA)
    'grade transcript enrollment enrolment attendance ' +
    // a person's financial records (PSD2 account information)
    'statement transaction',
);

/** Field names (joined, lower case) that carry a special category of personal data (GDPR Art. 9(1)) or a person's
 * pay: they are personal data wherever they appear in a record, in or out. */
export const specialCategoryFields: ReadonlySet<string> = words(
  'ethnicity ethnicorigin race racialorigin ethnicracialidentities religion religiousbelief politicalopinion ' +
    'politicalaffiliation tradeunion tradeunionmembership geneticdata biometric biometricdata ' +
    'sexualorientation genderidentity disability hasdisability healthcondition medicalcondition diagnosis ' +
    'bloodtype pregnancy maritalstatus veteranstatus grosspay netpay salary annualsalary hourlyrate payrate wage',
);

/** The person word at `i` is followed by a record of that person ("employee pay statement", "user transactions"). */
export function recordFollows(phrase: readonly string[], i: number): boolean {
  const next = phrase[i + 1];
  return next !== undefined && recordsOfPerson.has(stem(next));
}

/** Payment accounts and cards (path segment words, stemmed). */
const paymentAccounts = words('account bankaccount card paymentcard creditcard debitcard iban');
const accountRecords = words('statement transaction');

/** "/accounts/{id}/transactions": the account-information record after a payment account's segment, if any. */
export function laterAccountRecord(word: string, later: readonly (readonly string[])[]): string | undefined {
  if (!paymentAccounts.has(word)) return undefined;
  for (const seg of later) for (const w of seg) if (accountRecords.has(stem(w))) return w;
  return undefined;
}

/** The first record-of-person noun in later path segments ("/employees/{id}/earnings/{code}"), if any. */
export function laterRecord(later: readonly (readonly string[])[]): string | undefined {
  for (const seg of later) for (const w of seg) if (recordsOfPerson.has(stem(w))) return w;
  return undefined;
}

/**
 * A read of transactions (PSD2 Art. 4(16) account information: "consolidated information on one or more payment
 * accounts held by the payment service user"): when the read object, the last literal path segment of an operation or
 * the name of a tool, is transactions, they are the holder's record of money, as `/accounts/{id}/transactions` are
 * (GDPR Art. 4(1): a person's economic identity). Not statements here: alone the word is as often a SQL statement
 * (Redshift Data's `ListStatements`). A database transaction is not one either (money-roles.ts).
 */
export function accountInformationRead(
  segments: readonly (readonly string[])[],
  description: string,
): string | undefined {
  const last = segments[segments.length - 1] ?? [];
  const hit = last.find((w) => stem(w) === 'transaction');
  if (hit === undefined || databaseProse.test(description)) return undefined;
  return `reads '${hit}' (account information: the holder's record of money)`;
}
