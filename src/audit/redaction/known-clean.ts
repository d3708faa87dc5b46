import { createCleanTextCache, type CleanTextCache } from './clean-text-cache.js';

/**
 * Texts the detector pass (vault values aside) is known to leave unchanged, so that the redactor can skip it:
 *
 * - **An instant as `Date#toISOString` writes it** (`2026-11-28T00:41:02.123Z`, exactly 24 characters): every
 *   intent carries one the gateway wrote (`detail.startedAt`), new on every call, and it went through every
 *   detector whose hint a digit satisfies (IBAN, card, national id, phone: about 4 µs per intent, ADR 0017
 *   Decision 27). No detector can match inside that shape. Its only letters, `T` and `Z`, each follow a digit: no
 *   key of `key=value`, no IBAN country code (two letters), no NINO, no token prefix; there is no `@`, `eyJ` or
 *   `-----BEGIN `. Its longest run of digits joined by separators a card number may use is eight (`YYYY-MM-DD`,
 *   then `T`). A phone number needs `[ .-]` between groups of two or more digits and no word character, `:` or `-`
 *   right after it: every such run here ends before a digit, `-`, `T` or `Z`. A national id needs a word boundary
 *   before its first digit, which only the year has, and the year's four digits are followed by `-` (the SSN and
 *   Nordic forms need three and six). `known-clean.test.ts` runs every detector over every digit in every position
 *   of the shape and over random instants, so a detector added later that could match one fails that test rather
 *   than being skipped.
 * - **A text the detectors left unchanged before**, remembered (bounded) by exact text: tool names, rules, reasons,
 *   methods and repeated argument values recur on every call. The detector pass is a pure function of the text
 *   under one redactor's configuration (fixed for its life), so the remembered answer is the one it would give;
 *   a text in which anything was found is never remembered, and is redacted every time.
 *
 * Vault values are not part of either answer: the redactor still looks for each of them in the text, and uses these
 * answers only for ASCII text (a vault value can hide in a non-ASCII text behind NFKC normalisation, which the
 * redactor then runs in full) or when there are no vault values.
 */
export interface KnownCleanTexts {
  has(text: string): boolean;
  /** Remembers a text the detector pass left unchanged (ignored when too long). */
  add(text: string): void;
  size(): number;
}

/** `YYYY-MM-DDTHH:MM:SS.mmmZ`, checked by character code (no regular expression, no allocation). */
export function isIsoInstant(text: string): boolean {
  if (text.length !== 24) return false;
  for (let i = 0; i < 24; i++) {
    const c = text.charCodeAt(i);
    const want = INSTANT_SHAPE.charCodeAt(i);
    if (want === 100 /* d */) {
      if (c < 48 || c > 57) return false;
    } else if (c !== want) return false;
  }
  return true;
}
const INSTANT_SHAPE = 'dddd-dd-ddTdd:dd:dd.dddZ';

export function createKnownCleanTexts(options: { maxEntries?: number; maxLength?: number } = {}): KnownCleanTexts {
  // 2,048 texts of at most 256 characters: at most about 1 MiB held.
  const seen: CleanTextCache = createCleanTextCache({
    maxEntries: options.maxEntries ?? 2048,
    maxLength: options.maxLength ?? 256,
  });
  return {
    has: (text) => isIsoInstant(text) || seen.has(text),
    add: (text) => seen.add(text),
    size: () => seen.size(),
  };
}
