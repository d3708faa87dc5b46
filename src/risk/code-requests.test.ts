/**
 * One-time code requests (code-requests.ts, ADR 0008): asking a service to send a person a one-time code is an
 * irreversible external communication, not credential access; answering the code, a password reset's code and a tool
 * that returns the code keep credential-access. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, obj, str, toolDef } from './test-support/schema-builders.js';

describe('requesting a one-time code sends a message', () => {
  it('an OTP or verification-code request, by name or by opening: external communication, irreversible, medium', () => {
    const results = [
      classifyOperation('POST /v2/otp/generate', 'generateLoginOtp', 'Generate an OTP for the registered number.', {}),
      classifyOperation('POST /codes', 'resendVerificationCode', 'Resend the verification code.', { account: str() }),
      classifyTool(toolDef('request_otp', 'Request a fresh OTP for the member.', { member: str() }), mcpSource),
      classifyOperation('POST /challenge', 'startChallenge', 'Sends a one-time passcode to the account holder.', {}),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).toContain('external-communication');
      expect(a.categories).not.toContain('credential-access');
      expect(a.sideEffect).toBe('irreversible');
      expect(a.level).toBe('medium');
    }
  });

  it('the phone number the code goes to is personal data', () => {
    const a = classifyOperation('POST /otp/send', 'sendOtp', 'Send an OTP to a mobile number.', { mobile: str() });
    expect(a.categories, a.reasons.join(' | ')).toContain('personal-data');
    expect(a.categories).toContain('external-communication');
  });

  it('not when the code is answered, belongs to a password reset, or comes back to the caller', () => {
    const results = [
      classifyOperation('POST /otp/verify', 'verifyOtp', 'Verify the OTP and issue a session token.', { otp: str() }),
      classifyOperation('POST /users/{id}/reset', 'forgotPasswordOtp', 'Generate a password reset OTP.', { id: str() }),
      classifyOperation(
        'POST /test/otp',
        'generateTestOtp',
        'Generate an OTP for a test account.',
        {},
        {
          outputSchema: obj({ otp: str() }),
        },
      ),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).toContain('credential-access');
  });
});

describe('a phone number in the call is personal data', () => {
  it('fields named as phone numbers (not flags)', () => {
    for (const field of ['phoneNumber', 'mobile', 'msisdn', 'mobile_number']) {
      const a = classifyOperation('GET /carriers', 'lookupCarrier', 'Look up the carrier.', { [field]: str() });
      expect(a.categories, `${field}: ${a.reasons.join(' | ')}`).toContain('personal-data');
    }
    const flag = classifyOperation('GET /layouts', 'listLayouts', 'List layouts.', {
      mobile: { type: 'boolean' },
    });
    expect(flag.categories).not.toContain('personal-data');
  });

  it('a numeric mobile flag is no phone number, in the call or the answer; a mobile number declared as one is', () => {
    const flag = { type: 'integer', minimum: 0, maximum: 1, description: 'Mobile device: 1 if true, 0 if false' };
    const results = [
      classifyOperation('GET /devices', 'listDevices', 'List devices.', { mobile: flag }),
      classifyOperation(
        'GET /devices/{id}',
        'getDevice',
        'Get a device.',
        { id: str() },
        { outputSchema: obj({ mobile: flag }) },
      ),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).not.toContain('personal-data');
    const number = classifyOperation('GET /accounts/exists', 'accountExists', 'Check whether an account exists.', {
      mobile: { type: 'integer', description: 'The mobile number of the user.' },
    });
    expect(number.categories, number.reasons.join(' | ')).toContain('personal-data');
  });
});

describe("a read looked up by a person's name is about that person", () => {
  it('surname, given name or full name in a read: personal data', () => {
    const results = [
      classifyOperation('GET /origin/{fullName}', 'originOfName', 'Infer the likely region of a name.', {
        fullName: str(),
      }),
      classifyOperation('GET /match/{surnameLatin}/{givenNameLatin}', 'matchName', 'Score two spellings.', {
        surnameLatin: str(),
        givenNameLatin: str(),
      }),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).toContain('personal-data');
  });

  it("not a change that names a thing, or a thing's name", () => {
    const repo = classifyOperation('POST /repos', 'createRepo', 'Create a repository.', { full_name: str() });
    expect(repo.categories).not.toContain('personal-data');
    const product = classifyOperation('GET /products/{productName}', 'getProduct', 'Get a product.', {
      productName: str(),
    });
    expect(product.categories).not.toContain('personal-data');
  });
});
