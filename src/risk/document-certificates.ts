/**
 * A certificate that is a document is no credential (twenty-sixth round; docs/risk.md, credential-access and
 * personal-data).
 *
 * `certificate` counts as credential-access because TLS, client and signing certificates come with private keys. But
 * governments, schools, registries and insurers also issue certificates that are documents: a caste, income,
 * residence, birth or marriage certificate, a degree or training certificate, a certificate of incorporation. Reading
 * or verifying one grants no access to anything. So where the tool's text qualifies the certificate as such a document
 * ("Residence Certificate", "certificate of incorporation", "birth and death certificates") and nothing in it speaks of
 * keys or TLS (ssl, tls, x509, csr, pem, private key, signing, a CA or root, a client or server certificate, https,
 * a domain…), credential-access that rests only on the noun is dropped.
 *
 * Such a document states facts about the person it was issued to (caste, income, dependants, where they live, what
 * they own). It is personal data when its kind is a person's civil, family, health or property status (the list
 * below), or when the call carries a data-sharing consent artefact (`consentArtifact`: the consent a person gives for
 * their own documents to be shared, as under India's data-empowerment architecture).
 */
import type { SchemaField } from './schema-fields.js';
import type { Signals } from './signals.js';

const certNoun = /^(?:reads )?(?:object |noun )'(?:certificates?|certs?)' in /;

/** Kinds of certificate that are documents about a person, a company, a course or a thing, not key material. */
const personalKinds = new Set(
  (
    'caste income residence residential domicile nativity native community birth death marriage divorce dependency ' +
    'dependent family heirship heir solvency character conduct disability medical fitness vaccination vaccine ' +
    'relationship survival life valuation possession location conversion landholding ownership identity tribe'
  ).split(' '),
);
const otherKinds = new Set(
  (
    'degree diploma completion experience employment training course achievement award participation appreciation ' +
    'graduation educational academic school leaving migration study bonafide registration incorporation origin ' +
    'analysis conformity standing insurance share stock gift tax exemption occupancy'
  ).split(' '),
);
/** Words that make a certificate key material or a TLS document. */
const keyWords = new Set(
  (
    'ssl tls x509 csr pem der pkcs p12 pfx keystore truststore key keys private public signing ca root ' +
    'intermediate chain client server https domain domains wildcard apns push mtls fingerprint thumbprint ' +
    'issuer acme letsencrypt encryption crypto'
  ).split(' '),
);

/** Whether a field is a data-sharing consent artefact (module comment). */
function consentArtefact(fields: readonly SchemaField[]): boolean {
  return fields.some((f) => f.joined === 'consentartifact' || f.joined === 'consentartefact');
}

/** The kind words qualifying "certificate" in the text (up to four words before it, or "of X" after it). */
function certificateKinds(words: readonly string[]): string[] {
  const kinds: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w !== 'certificate' && w !== 'certificates') continue;
    for (let j = Math.max(0, i - 4); j < i; j++) kinds.push(words[j]!);
    if (words[i + 1] === 'of' && words[i + 2] !== undefined) kinds.push(words[i + 2]!);
  }
  return kinds;
}

/**
 * Drops credential-access resting only on a document certificate and adds personal-data for a person's one (module
 * comment). `wordLists` are the lower-cased words of the name, path and description; they are joined only when one of
 * them speaks of a certificate (most tools do not).
 */
export function documentCertificate(
  s: Signals,
  ctx: { wordLists: ReadonlyArray<readonly string[]>; inputFields: readonly SchemaField[] },
): void {
  const named = (w: string): boolean => w === 'certificate' || w === 'certificates';
  if (!ctx.wordLists.some((list) => list.some(named))) return;
  const words = ctx.wordLists.flat();
  if (words.some((w) => keyWords.has(w))) return;
  const kinds = certificateKinds(words);
  const personal = kinds.find((k) => personalKinds.has(k));
  const kind = personal ?? kinds.find((k) => otherKinds.has(k));
  if (kind === undefined) return;
  const why = s.categories.get('credential-access');
  if (why?.every((r) => certNoun.test(r)) === true) {
    s.categories.delete('credential-access');
    s.reasons.push(`${why[0] ?? ''}, a ${kind} certificate: a document, not key material`);
  }
  if (personal === undefined && !consentArtefact(ctx.inputFields)) return;
  const list = s.categories.get('personal-data') ?? [];
  list.push(
    personal !== undefined
      ? `a ${personal} certificate states facts about the person it was issued to`
      : 'a consent artefact: a person consents to share their own document',
  );
  s.categories.set('personal-data', list);
}
