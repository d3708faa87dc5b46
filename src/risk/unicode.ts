/** Invisible and deceptive Unicode: tag characters, zero-width, bidi controls, homoglyphs. */

/** Unicode tag block (U+E0000–U+E007F): invisible, and decodable back to ASCII ("ASCII smuggling"). */
const tagChars = /[\u{E0000}-\u{E007F}]/gu;
/** Variation selectors supplement (U+E0100–U+E01EF): invisible payload carriers ("emoji smuggling"). */
const variationSupplement = /[\u{E0100}-\u{E01EF}]/gu;
/** Zero-width and other invisible format characters (ZWJ is handled separately: emoji use it). */
const zeroWidth = /[\u200B\u200C\u2060-\u2064\uFEFF\u180E\u00AD\u115F\u1160\u3164\uFFA0]|\u034F/g;
const zwj = /\u200D/g;
/** Bidirectional embedding, override and isolate controls ("Trojan Source"). */
const bidi = /[\u202A-\u202E\u2066-\u2069]/g;
const emoji = /\p{Extended_Pictographic}/u;

export interface InvisibleReport {
  tags: number;
  /** Hidden ASCII decoded from tag characters (truncated). */
  decoded: string;
  variationSupplement: number;
  zeroWidth: number;
  bidi: number;
}

export function inspectInvisible(text: string): InvisibleReport {
  const tags = text.match(tagChars) ?? [];
  const decoded = tags
    .map((c) => String.fromCodePoint((c.codePointAt(0) ?? 0xe0000) - 0xe0000))
    .join('')
    .replace(/[^\x20-\x7e]/g, '')
    .slice(0, 80);
  let zw = (text.match(zeroWidth) ?? []).length;
  // A zero-width joiner between two emoji is how families and flags are spelled; elsewhere it hides.
  for (const m of text.matchAll(zwj)) {
    const i = m.index;
    const before = text.slice(Math.max(0, i - 2), i);
    const after = text.slice(i + 1, i + 3);
    if (!(emoji.test(before) && emoji.test(after))) zw++;
  }
  return {
    tags: tags.length,
    decoded,
    variationSupplement: (text.match(variationSupplement) ?? []).length,
    zeroWidth: zw,
    bidi: (text.match(bidi) ?? []).length,
  };
}

/** Text with invisible characters removed and compatibility forms folded (for pattern matching). */
export function normalizeForScan(text: string): string {
  return text
    .replace(tagChars, '')
    .replace(variationSupplement, '')
    .replace(zeroWidth, '')
    .replace(zwj, '')
    .replace(bidi, '')
    .normalize('NFKC');
}

/** Letters from other scripts that look like Latin letters (Cyrillic, Greek, fullwidth handled by NFKC). */
const confusables: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  ɡ: 'g',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  Ѕ: 'S',
  І: 'I',
  Ј: 'J',
  α: 'a',
  ο: 'o',
  ρ: 'p',
  ν: 'v',
  τ: 't',
  υ: 'u',
  ι: 'i',
  κ: 'k',
  χ: 'x',
  ε: 'e',
  ϲ: 'c',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  ı: 'i',
  ℓ: 'l',
  '‐': '-',
  '‑': '-',
  '–': '-',
  '—': '-',
  '＿': '_',
};

/** The Latin "skeleton" of a name: what it looks like once lookalike letters are folded. */
export function skeleton(name: string): string {
  let out = '';
  for (const ch of normalizeForScan(name)) out += confusables[ch] ?? ch;
  return out.toLowerCase();
}

/** Lookalike letters in a name that otherwise reads as Latin/ASCII. */
export function homoglyphsIn(name: string): string[] {
  const found: string[] = [];
  for (const ch of name) if (confusables[ch] !== undefined && !/[-_]/.test(confusables[ch] ?? '')) found.push(ch);
  return found;
}

/** Code point notation for messages ("U+0430"). */
export function codePoints(chars: readonly string[]): string {
  return [...new Set(chars)]
    .slice(0, 5)
    .map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`)
    .join(', ');
}
