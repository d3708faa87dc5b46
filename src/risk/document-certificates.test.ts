/**
 * A certificate that is a document is no credential; a person's one is personal data (document-certificates.ts); a
 * POST whose summary only names its object reads when the description says it verifies it (http-action.ts). Invented
 * tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { api, classifyOperation, obj, str, toolDef } from './test-support/schema-builders.js';

/** An operation imported with a summary: its description starts with the summary, as the OpenAPI importer joins them. */
const withSummary = (route: string, operationId: string, summary: string, rest: string, props = {}) => {
  const [method = '', path = ''] = route.split(' ');
  return classifyTool(toolDef(route, `${summary}\n\n${rest}`, props), api(method, path, operationId, summary));
};

describe('document certificates', () => {
  it("verifying a citizen's birth or income certificate reads personal data, no credential", () => {
    const consent = { consentArtifact: obj({ consentId: str(), purpose: str() }), certno: str('Certificate Number') };
    const results = [
      withSummary('POST /bcert/certificate', 'bcert', 'Birth Certificate', 'API to verify Birth Certificate.', consent),
      withSummary(
        'POST /inc/certificate',
        'inccer',
        'Income Certificate',
        'API to verify Income Certificate.',
        consent,
      ),
      classifyOperation('GET /records/{id}/certificate', 'getRecord', 'Returns the marriage certificate of a record.', {
        id: str(),
      }),
    ];
    for (const a of results) {
      expect(a.sideEffect, a.reasons.join(' | ')).toBe('none');
      expect(a.categories, a.reasons.join(' | ')).toEqual(['personal-data']);
    }
  });

  it('a degree certificate is a document; with a consent artefact it is the person’s', () => {
    const degree = withSummary(
      'POST /deg/certificate',
      'degcer',
      'Degree Certificate',
      'API to verify Degree Certificate.',
      {
        consentArtifact: obj({ consentId: str() }),
      },
    );
    expect(degree.categories, degree.reasons.join(' | ')).toEqual(['personal-data']);
    const training = classifyOperation(
      'POST /courses/{id}/certificates',
      'createCertificate',
      'Issue a training certificate.',
      {
        id: str(),
      },
    );
    expect(training.categories, training.reasons.join(' | ')).not.toContain('credential-access');
  });

  it('TLS, client and signing certificates stay credentials', () => {
    const results = [
      classifyOperation('POST /certificates', 'createCertificate', 'Create a client certificate for mutual TLS.', {
        csr: str(),
      }),
      classifyOperation(
        'POST /domains/{id}/certificate',
        'uploadCertificate',
        'Upload a certificate and its private key.',
        {
          id: str(),
          certificate: str(),
          key: str(),
        },
      ),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).toContain('credential-access');
  });
});

describe('a POST whose summary only names its object', () => {
  it('reads when the description says it verifies that object', () => {
    const a = withSummary('POST /rc/certificate', 'rccer', 'Ration Card', 'API to verify Ration Card.');
    expect(a.sideEffect, a.reasons.join(' | ')).toBe('none');
  });

  it('still changes when the description does not repeat the summary or speaks of the response', () => {
    const results = [
      withSummary('POST /signup', 'signup', 'SIGN UP', 'This API is used to validate details and create an account.'),
      withSummary('POST /offerings/{id}/order', 'orderOffering', 'Order an Offering', 'Returns a Task id.'),
    ];
    for (const a of results) expect(a.sideEffect, a.reasons.join(' | ')).not.toBe('none');
  });
});
