/**
 * Detectors for secrets and personal data inside free text. Every pattern is bounded (no nested quantifiers over
 * overlapping classes) so matching stays linear on hostile input; numeric candidates are confirmed with their
 * check digits (Luhn for cards, ISO 7064 mod 97 for IBANs) to keep false positives down.
 */
export const detectorIds = [
  'privateKey',
  'jwt',
  'apiKey',
  'email',
  'iban',
  'card',
  'nationalId',
  'phone',
  /** secretlint's recommended rule set (secret-scanner.ts), run last over every caller-controlled string. */
  'secretlint',
] as const;
export type DetectorId = (typeof detectorIds)[number];

export interface Detector {
  id: DetectorId;
  pattern: RegExp;
  /** Cheap necessary condition checked before the regular expression runs (most strings fail it). */
  hint: (text: string) => boolean;
  /** Extra check on a candidate match; false means "not really one". */
  confirm?: (match: string) => boolean;
}

/** Length of the shortest text any detector can match; shorter strings skip detection entirely. */
export const MIN_DETECTABLE_LENGTH = 6;
const DIGITS3 = /\d{3}/;
const DIGITS2 = /\d\d/;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export function ibanValid(candidate: string): boolean {
  const iban = candidate.replace(/ /g, '').toUpperCase();
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

function cardValid(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  return digits.length >= 13 && digits.length <= 19 && luhnValid(digits);
}

function ssnValid(match: string): boolean {
  const m = /^(\d{3})-(\d{2})-(\d{4})$/.exec(match);
  if (!m) return true; // not an SSN-shaped match (another national id format)
  const [, area, group, serial] = m;
  return area !== '000' && area !== '666' && !area!.startsWith('9') && group !== '00' && serial !== '0000';
}

function phoneValid(match: string): boolean {
  const digits = match.replace(/\D/g, '').length;
  if (digits < 7 || digits > 15) return false;
  // Not an IPv4 address or a calendar date (2026-11-21, 2026.11.21 10).
  return !/^\d{1,3}(?:\.\d{1,3}){3}$/.test(match) && !/^(?:19|20)\d\d([-./ ])[01]?\d\1[0-3]?\d(?:$|[ T])/.test(match);
}

/** Order matters: the most specific formats run first so their text is gone before broader ones look. */
export const detectors: readonly Detector[] = [
  {
    id: 'privateKey',
    hint: (t) => t.includes('-----BEGIN '),
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----[\s\S]{0,16384}?(?:-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  {
    id: 'jwt',
    hint: (t) => t.includes('eyJ'),
    pattern: /\beyJ[A-Za-z0-9_-]{2,8192}\.eyJ[A-Za-z0-9_-]{2,16384}\.[A-Za-z0-9_-]{0,8192}/g,
  },
  {
    id: 'apiKey',
    hint: (t) => t.length >= 20,
    pattern: new RegExp(
      [
        String.raw`\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b`, // AWS access key id
        String.raw`\bgh[pousr]_[A-Za-z0-9]{36,255}\b`, // GitHub tokens
        String.raw`\bgithub_pat_[A-Za-z0-9_]{22,255}\b`,
        String.raw`\bglpat-[A-Za-z0-9_-]{20,64}\b`, // GitLab
        String.raw`\bxox[abposr]-[A-Za-z0-9-]{10,255}`, // Slack
        String.raw`\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,255}\b`, // Stripe
        String.raw`\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,255}`, // OpenAI / Anthropic
        String.raw`\bAIza[0-9A-Za-z_-]{35}`, // Google API key
        String.raw`\bSG\.[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{16,64}`, // SendGrid
        String.raw`\b(?:AC|SK)[0-9a-f]{32}\b`, // Twilio
        String.raw`\bnpm_[A-Za-z0-9]{36}\b`, // npm
        String.raw`\b[Bb]earer [A-Za-z0-9._~+/-]{16,4096}=*`, // bearer credentials in headers
      ].join('|'),
      'g',
    ),
  },
  {
    id: 'email',
    hint: (t) => t.includes('@'),
    pattern: /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}/g,
  },
  {
    id: 'iban',
    hint: (t) => t.length >= 15 && DIGITS2.test(t),
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g,
    confirm: ibanValid,
  },
  {
    id: 'card',
    hint: (t) => t.length >= 13 && DIGITS3.test(t),
    // Any separators people write between the groups (space, dot, dash, slash, underscore, no-break space, dash
    // look-alikes; fullwidth digits are caught after NFKC normalisation).
    pattern: /(?<![\d-])\d(?:[ .\-_/\u00a0\u2010-\u2015]{0,2}\d){12,18}(?![\d-])/g,
    confirm: cardValid,
  },
  {
    id: 'nationalId',
    hint: (t) => t.length >= 9 && DIGITS2.test(t),
    pattern: new RegExp(
      [
        String.raw`\b\d{3}-\d{2}-\d{4}\b`, // US SSN
        String.raw`\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b`, // UK NINO
        String.raw`\b\d{2}[01]\d[0-3]\d[-+]\d{4}\b`, // Nordic personal numbers (SE/FI style)
      ].join('|'),
      'g',
    ),
    confirm: ssnValid,
  },
  {
    id: 'phone',
    hint: (t) => t.length >= 7 && DIGITS2.test(t),
    pattern:
      /(?<![\w+]|\d\.)(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,4}(?![\w:-]|\.\d)|\+\d{8,15}\b/g,
    confirm: phoneValid,
  },
];
