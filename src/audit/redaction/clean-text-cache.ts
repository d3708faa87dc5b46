/**
 * Texts the secretlint rule set scanned and found nothing in, so that the same text is not scanned again.
 *
 * Why: one `lintSource` costs 40–100 µs of the event loop whatever the text (secretlint's per-lint set-up of its
 * rule contexts and events, docs/adr/0017 Decision 25), and the texts it sees repeat: a tool name of 16 or more
 * identifier characters is scanned in every intent and every outcome of every call to that tool.
 *
 * Why it is safe: the scan is a pure function of its input (the preset and its options are fixed for the life of
 * the process), and only a text found clean is remembered, under the exact text that was scanned (the event's
 * candidate strings joined, after every other detector ran). A text that holds a secret is never remembered, so it
 * is scanned — and caught — every time; a text that differs by one character is a different key.
 *
 * Bounded: texts longer than `maxLength` are not remembered, and the oldest entry goes when `maxEntries` is reached
 * (at most maxEntries × maxLength UTF-16 units held: 512 × 1,024 by default, about 1 MiB).
 */
export interface CleanTextCache {
  has(text: string): boolean;
  /** Remembers a text the scan found clean (ignored when too long). */
  add(text: string): void;
  size(): number;
}

export function createCleanTextCache(options: { maxEntries?: number; maxLength?: number } = {}): CleanTextCache {
  const maxEntries = options.maxEntries ?? 512;
  const maxLength = options.maxLength ?? 1024;
  // A Set keeps insertion order: its first value is the oldest.
  const texts = new Set<string>();
  return {
    has: (text) => text.length <= maxLength && texts.has(text),
    add(text) {
      if (text.length > maxLength || texts.has(text)) return;
      if (texts.size >= maxEntries) texts.delete(texts.values().next().value!);
      texts.add(text);
    },
    size: () => texts.size,
  };
}
