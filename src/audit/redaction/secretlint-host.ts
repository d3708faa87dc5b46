/**
 * secretlint's scanner rules, run with their contexts built once instead of once per text.
 *
 * Why: `lintSource` (@secretlint/core) builds everything for every text it lints — an event emitter, a context, a
 * translator and a handler object per rule (the rule's `create`), a line index of the text, a promise per rule and
 * `Promise.all` over them — and that set-up is most of what a scan of a short audit string costs (docs/adr/0017,
 * Decision 26). The rules themselves are secretlint's published rule creators, driven through secretlint's documented
 * rule interface (@secretlint/types: `SecretLintRuleCreator.create(context, options)` returns `{ file(source) }`,
 * which reports through `context.report` / `context.ignore`). The host calls `create` once per rule and `file` once
 * per text; what it returns for a text is what `lintSource` returns for it with the same rules: every reported range,
 * less those an ignore covers (secretlint's own filter, rewritten here), sorted. secretlint-host.test.ts holds the two
 * to the same answer on every rule's example secrets, at every position, and on clean texts.
 *
 * Reusing a rule's handler across texts is only sound for rules whose `create` keeps no per-text state and whose
 * `file` answers synchronously. Every rule of the recommended preset (version 12) builds only its translator, its
 * options and stateless regular expressions in `create` (global ones are read with `matchAll`, which copies them),
 * and returns nothing from `file` for a `.txt` source. A handler that answers with a promise makes `scan` return
 * `undefined`, and the caller uses `lintSource` for that text (secret-scanner.ts) — never a partial answer.
 */

/** The part of secretlint's rule creator this host uses (@secretlint/types' SecretLintRuleCreator). */
export interface ScannerRuleCreator {
  meta: { id: string; type?: string; supportedContentTypes?: readonly string[] };
  create(context: unknown, options: unknown): { file?: (source: unknown) => unknown };
}

/** One rule as secretlint's config lists it (SecretLintCoreConfigRule). */
export interface ScannerRuleDescriptor {
  id: string;
  rule: ScannerRuleCreator;
  options?: unknown;
  disabled?: boolean;
}

export interface SecretlintHost {
  /** Ranges [start, end) of `content` the rules report and no ignore covers, sorted; undefined: ask lintSource. */
  scan(content: string): Array<[number, number]> | undefined;
}

interface Report {
  ruleId: string;
  range: readonly [number, number];
}
interface Ignore {
  range: readonly [number, number];
  targetRuleId?: string;
}
interface Sink {
  reports: Report[];
  ignores: Ignore[];
}

/** The file every audit text is linted as: a text file (no rule reads the disk for `.txt`). */
export const SCAN_FILE_PATH = '/audit-event.txt';

/**
 * Builds the host. Throws when a descriptor is not a scanner rule (a preset, or something else), so that the caller
 * keeps `lintSource` for the whole rule set. `prefilters`: per rule id, a test every text the rule can report on
 * passes (secretlint-prefilters.ts); a rule is not run on a text that fails its test.
 */
export function createSecretlintHost(
  descriptors: readonly ScannerRuleDescriptor[],
  prefilters?: ReadonlyMap<string, (content: string) => boolean>,
): SecretlintHost {
  let sink: Sink | undefined;
  const handlers: Array<{ file: (source: unknown) => unknown; mayReport: ((content: string) => boolean) | undefined }> =
    [];
  for (const d of descriptors) {
    if (d.rule.meta.type !== 'scanner' || typeof d.rule.create !== 'function')
      throw new Error(`secretlint host: ${d.id} is not a scanner rule`);
    if (d.disabled) continue;
    // secretlint runs a rule on a text source when it declares "text" or "all".
    const types = d.rule.meta.supportedContentTypes ?? [];
    if (!types.includes('text') && !types.includes('all')) continue;
    const ruleId = d.rule.meta.id;
    const context = {
      sharedOptions: {},
      // The message text is not used here (only ranges are); the translator returns what secretlint's would hold.
      createTranslator: () => (messageId: string, data?: unknown) => ({ message: messageId, messageId, data }),
      report(descriptor: { range: readonly [number, number] }) {
        // A report outside `scan` (after an await) has no text to belong to: that text went to lintSource.
        sink?.reports.push({ ruleId, range: descriptor.range });
      },
      ignore(descriptor: { range: readonly [number, number]; targetRuleId?: string }) {
        sink?.ignores.push({ range: descriptor.range, targetRuleId: descriptor.targetRuleId });
      },
    };
    const handler = d.rule.create(context, d.options ?? {});
    if (typeof handler?.file === 'function')
      handlers.push({ file: handler.file.bind(handler), mayReport: prefilters?.get(ruleId) });
  }

  let synchronous = true;
  return {
    scan(content) {
      if (!synchronous) return undefined;
      const own: Sink = { reports: [], ignores: [] };
      sink = own;
      try {
        const source = createSource(content);
        for (const { file, mayReport } of handlers) {
          if (mayReport && !mayReport(source.content)) continue;
          const answer = file(source);
          if (answer && typeof (answer as { then?: unknown }).then === 'function') {
            // Its reports may come later, into no sink: this text, and every later one, goes to lintSource.
            synchronous = false;
            (answer as Promise<unknown>).catch(() => {});
          }
        }
      } finally {
        sink = undefined;
      }
      if (!synchronous) return undefined;
      return rangesOf(own);
    },
  };
}

/** secretlint's filter: a report whose start and end both lie in an ignored range (inclusive) of its rule, or "*". */
function rangesOf(sink: Sink): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const r of sink.reports) {
    const [a, b] = r.range;
    const ignored = sink.ignores.some((i) => {
      const inside = i.range[0] <= a && a <= i.range[1] && i.range[0] <= b && b <= i.range[1];
      if (!inside) return false;
      return !i.targetRuleId || i.targetRuleId === '*' || i.targetRuleId === r.ruleId;
    });
    if (!ignored) out.push([a, b]);
  }
  return out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/**
 * The source a rule sees, as secretlint's SecretLintSourceCodeImpl presents it: a leading byte-order mark is removed
 * from `content` (so ranges count from the character after it), positions are 1-based lines and 0-based columns,
 * and a line ends at \r\n, \r, \n, U+2028 or U+2029. The line index is built only if a rule asks for a position.
 */
function createSource(text: string) {
  const hasBOM = text.charCodeAt(0) === 0xfeff;
  const content = hasBOM ? text.slice(1) : text;
  let lineStarts: number[] | undefined;
  const starts = (): number[] => {
    if (lineStarts) return lineStarts;
    lineStarts = [0];
    for (let i = 0; i < content.length; i++) {
      const c = content.charCodeAt(i);
      if (c !== 0x0d && c !== 0x0a && c !== 0x2028 && c !== 0x2029) continue;
      if (c === 0x0d && content.charCodeAt(i + 1) === 0x0a) i++;
      lineStarts.push(i + 1);
    }
    return lineStarts;
  };
  const indexToPosition = (index: number) => {
    const s = starts();
    // The number of line starts <= index is the 1-based line.
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid]! <= index) lo = mid + 1;
      else hi = mid;
    }
    return { line: lo, column: index - s[lo - 1]! };
  };
  const positionToIndex = (pos: { line: number; column: number }) => starts()[pos.line - 1]! + pos.column;
  return {
    hasBOM,
    content,
    filePath: SCAN_FILE_PATH,
    physicalFilePath: SCAN_FILE_PATH,
    contentType: 'text' as const,
    ext: '.txt',
    getFilePath: () => SCAN_FILE_PATH,
    getPhysicalFilePath: () => SCAN_FILE_PATH,
    indexToPosition,
    positionToIndex,
    locationToRange: (loc: { start: { line: number; column: number }; end: { line: number; column: number } }) =>
      [positionToIndex(loc.start), positionToIndex(loc.end)] as [number, number],
    rangeToLocation: (range: readonly [number, number]) => ({
      start: indexToPosition(range[0]),
      end: indexToPosition(range[1]),
    }),
  };
}
