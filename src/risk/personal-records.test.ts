/**
 * personal-records.ts and the account-only user rule (schema-evidence.ts) on invented tools: records about a person
 * (HR and payroll, health, education, a person's transactions) named after the person or under the person's path,
 * special-category and pay fields, and user records that describe only an account. Found on dev part eleven
 * (held-out 10); the taxonomies are in personal-records.ts.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import type { JsonObject, ToolSource } from '../core/tool.js';
import { api, arr, mcpSource as mcp, obj, str, toolDef as def } from './test-support/schema-builders.js';

const pd = 'personal-data';
/** An OpenAPI read whose records the importer keeps as evidence (a list operation's response schema). */
const readWith = (path: string, op: string, responseSchema: JsonObject): ToolSource => ({
  kind: 'openapi',
  backend: 't',
  method: 'GET',
  path,
  operationId: op,
  responseSchema,
});

describe('records about a person', () => {
  it("a person noun followed by that person's record is the person's record, not a modifier", () => {
    for (const name of [
      'get_employee_pay_statement',
      'list_patient_allergies',
      'student_grades_get',
      'get_customer_transactions',
    ])
      expect(classifyTool(def(name, 'Returns them.', { id: str() }), mcp).categories, name).toContain(pd);
    // A person noun qualifying a thing that is no record of theirs stays a modifier.
    for (const name of ['get_employee_role_definitions', 'list_customer_groups'])
      expect(classifyTool(def(name, 'Returns them.', { id: str() }), mcp).categories, name).not.toContain(pd);
  });

  it("a person's path segment with one of their records after it returns personal data; other children do not", () => {
    const earnings = classifyTool(
      def('Get deductions', 'Get deductions.', { employeeId: str() }),
      api('GET', '/v1/staff/{staffId}/employees/{employeeId}/deductions', 'Get deductions'),
    );
    expect(earnings.categories).toContain(pd);
    const groups = classifyTool(def('GET /users/{id}/groups', '', { id: str() }), api('GET', '/users/{id}/groups', ''));
    expect(groups.categories).not.toContain(pd);
  });

  it('special-category and pay fields are personal data, in and out', () => {
    const out = classifyTool(
      def(
        'get_profile_extras',
        'Returns extras.',
        { id: str() },
        { outputSchema: obj({ religion: str(), ethnicity: str() }) },
      ),
      mcp,
    );
    expect(out.categories).toContain(pd);
    const input = classifyTool(def('set_extras', 'Sets extras.', { id: str(), sexualOrientation: str() }), mcp);
    expect(input.categories).toContain(pd);
    const pay = classifyTool(
      def(
        'get_run_totals',
        'Returns totals.',
        { id: str() },
        { outputSchema: obj({ grossPay: str(), netPay: str() }) },
      ),
      mcp,
    );
    expect(pay.categories).toContain(pd);
    // A key's fingerprint is a hash, not a person's biometrics.
    const key = classifyTool(
      def(
        'get_deploy_key',
        'Returns a key.',
        { id: str() },
        { outputSchema: obj({ fingerprint: str(), type: str() }) },
      ),
      mcp,
    );
    expect(key.categories).not.toContain(pd);
  });
});

describe('users that are accounts', () => {
  it("a user record declaring only a login name, groups and access is an account, not a person's data", () => {
    const account = classifyTool(
      def('DescribeUser', 'Returns a user.', { username: str() }),
      readWith(
        '/v1/brokers/{id}/users/{username}',
        'DescribeUser',
        obj({ username: str(), groups: arr(str()), consoleAccess: str() }),
      ),
    );
    expect(account.categories).not.toContain(pd);
    expect(account.reasons.join(' ')).toMatch(/describe an account, not a person/);
    // The same user with a name and an e-mail is a person's record; without declared fields nothing is dropped.
    const person = classifyTool(
      def('DescribeUser', 'Returns a user.', { username: str() }),
      readWith(
        '/v1/brokers/{id}/users/{username}',
        'DescribeUser',
        obj({ username: str(), displayName: str(), email: str() }),
      ),
    );
    expect(person.categories).toContain(pd);
    expect(classifyTool(def('get_user', 'Returns a user.', { id: str() }), mcp).categories).toContain(pd);
  });
});

describe('phone-number lookups', () => {
  it("a carrier lookup (HLR, CNAM, MNP) of a phone number is an external query about a person's number", () => {
    const hlr = classifyTool(
      def('LookupHlr', 'POST /lookup/hlr', { number: { ...arr(str()), description: 'The phone number to look up.' } }),
      api('POST', '/lookup/hlr', 'LookupHlr'),
    );
    expect(hlr.sideEffect).toBe('external');
    expect(hlr.categories).toContain(pd);
    const typed = classifyTool(
      def('Lookup', 'POST /lookup', {
        type: str('Allowed values are "cnam" and "hlr".'),
        number: str('The phone number'),
      }),
      api('POST', '/lookup', 'Lookup'),
    );
    expect(typed.sideEffect).toBe('external');
    // A lookup of something else stays a local read.
    const other = classifyTool(def('lookup_region', 'Looks up a region.', { code: str('Region code') }), mcp);
    expect(other.sideEffect).toBe('none');
    expect(other.categories).not.toContain(pd);
  });
});
