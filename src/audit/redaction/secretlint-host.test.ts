import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { describe, expect, it } from 'vitest';
import { CLEAN_TEXTS, FILE_ONLY_RULES, SECRETLINT_EXAMPLES } from '../test-support/secretlint-examples.js';
import { createSecretlintHost, type ScannerRuleDescriptor } from './secretlint-host.js';
import { COMMENT_FILTER_RULE, lintWindow, PREFILTERS_APPLY, SCANNER_RULES, scanSecrets } from './secret-scanner.js';
import { RULE_PREFILTERS } from './secretlint-prefilters.js';

type Range = [number, number];
const unique = (ranges: readonly Range[]): string[] =>
  [...new Set(ranges.map(([a, b]) => `${a}-${b}`))].sort((x, y) => {
    const [xa, xb] = x.split('-').map(Number);
    const [ya, yb] = y.split('-').map(Number);
    return xa! - ya! || xb! - yb!;
  });

const host = createSecretlintHost(SCANNER_RULES);
const filtered = createSecretlintHost(SCANNER_RULES, RULE_PREFILTERS);

/** The host's answer, with and without the pre-filters, must be secretlint's own (lintSource, same rules). */
async function expectSameAsSecretlint(text: string): Promise<Range[]> {
  const reference = await lintWindow(text);
  for (const h of [host, filtered]) {
    const mine = h.scan(text);
    expect(mine, 'the host answered').toBeDefined();
    expect(unique(mine!), JSON.stringify(text.slice(0, 80))).toEqual(unique(reference));
  }
  return reference;
}

const allExamples = Object.values(SECRETLINT_EXAMPLES).flat();

describe('secretlint host (rule contexts built once)', () => {
  it('runs every scanner rule of the preset but its comment filter, and each one has an example that reaches it', async () => {
    const presetIds = (recommended.rules as Array<{ meta: { id: string } }>).map((r) => r.meta.id);
    expect(SCANNER_RULES.map((d) => d.id)).toEqual(presetIds.filter((id) => id !== COMMENT_FILTER_RULE));
    for (const d of SCANNER_RULES) {
      if (FILE_ONLY_RULES.has(d.id)) continue;
      const examples = SECRETLINT_EXAMPLES[d.id];
      expect(examples?.length, `examples for ${d.id}`).toBeGreaterThan(0);
      for (const secret of examples!) {
        // secretlint with this rule alone finds the example, whole.
        const alone = await lintSource({
          source: { filePath: '/audit-event.txt', content: `value ${secret} end`, ext: '.txt', contentType: 'text' },
          options: { config: { rules: [d as never] }, maskSecrets: false },
        });
        expect(
          alone.messages.map((m) => m.ruleId),
          `${d.id} reports its example`,
        ).toContain(d.id);
        // The host with this rule alone reports the same, with and without the rule's pre-filter.
        for (const prefilters of [undefined, RULE_PREFILTERS]) {
          const single = createSecretlintHost([d], prefilters).scan(`value ${secret} end`);
          expect(unique(single!)).toEqual(unique(alone.messages.map((m) => [m.range[0], m.range[1]] as Range)));
          expect(single!.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('answers as secretlint does for every example in every position of a text', async () => {
    for (const secret of allExamples) {
      const variants = [
        secret,
        `token ${secret}`,
        `${secret} was used`,
        `/srv/reports/2026/q3-revenue.pdf\n${secret}\ngithub_create_pull_request`,
        `first line\r\n${secret}\r\nlast line`,
        `\uFEFF${secret}`,
        `"${secret}"`,
        `${secret}\n${secret}`,
      ];
      for (const text of variants) {
        const ranges = await expectSameAsSecretlint(text);
        expect(ranges.length, JSON.stringify(text.slice(0, 60))).toBeGreaterThan(0);
      }
    }
    await expectSameAsSecretlint(allExamples.join('\n'));
    await expectSameAsSecretlint(allExamples.join(' '));
  });

  it('answers as secretlint does for clean text and for mixed random texts', async () => {
    for (const text of CLEAN_TEXTS) expect(await expectSameAsSecretlint(text)).toEqual([]);
    const pieces = [
      ...CLEAN_TEXTS,
      ...allExamples,
      '\n',
      ' ',
      '=',
      ':',
      '@',
      '//',
      '\r\n',
      'AWS_SECRET_ACCESS_KEY=',
      '\u2028',
    ];
    let x = 12345;
    const next = (n: number) => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return (x >>> 8) % n;
    };
    for (let i = 0; i < 150; i++) {
      const parts: string[] = [];
      for (let k = 0; k < 1 + next(6); k++) {
        const piece = pieces[next(pieces.length)]!;
        // Sometimes only part of a piece: a secret cut short must be judged the same way too.
        parts.push(next(4) === 0 ? piece.slice(0, 1 + next(piece.length)) : piece);
      }
      await expectSameAsSecretlint(parts.join(next(2) ? '\n' : ''));
    }
  });

  it('applies ignores as secretlint does (its filter rewritten): by rule, by "*", and only when the range is inside', async () => {
    const reporter = (id: string): ScannerRuleDescriptor => ({
      id,
      rule: {
        meta: { id, type: 'scanner', supportedContentTypes: ['text'] },
        create: (context) => ({
          file(source) {
            const content = (source as { content: string }).content;
            for (const m of content.matchAll(/SECRET\d/g))
              (context as { report: (d: unknown) => void }).report({
                message: { message: 'm', messageId: 'M' },
                range: [m.index, m.index + m[0].length],
              });
          },
        }),
      },
    });
    const ignorer: ScannerRuleDescriptor = {
      id: 'test/ignorer',
      rule: {
        meta: { id: 'test/ignorer', type: 'scanner', supportedContentTypes: ['all'] },
        create: (context) => ({
          file(source) {
            const content = (source as { content: string }).content;
            for (const m of content.matchAll(/\[(\*|a|b)?:([^\]]*)\]/g))
              (context as { ignore: (d: unknown) => void }).ignore({
                message: { message: 'i', messageId: 'I' },
                range: [m.index, m.index + m[0].length],
                ...(m[1] ? { targetRuleId: m[1] === '*' ? '*' : `test/${m[1]}` } : {}),
              });
          },
        }),
      },
    };
    const rules = [reporter('test/a'), reporter('test/b'), ignorer];
    const mine = createSecretlintHost(rules);
    for (const text of [
      '[a: SECRET1 ] SECRET2',
      '[*: SECRET1 SECRET2]',
      '[: SECRET1]',
      '[b: SECRET1',
      'SECRET1 [a:] SECRET2',
    ]) {
      const reference = await lintSource({
        source: { filePath: '/audit-event.txt', content: text, ext: '.txt', contentType: 'text' },
        options: { config: { rules: rules as never[] }, maskSecrets: false },
      });
      expect(unique(mine.scan(text)!), text).toEqual(
        unique(reference.messages.map((m) => [m.range[0], m.range[1]] as Range)),
      );
    }
  });

  it('hands a text to lintSource (answers undefined) once a rule answers with a promise, and refuses a preset', () => {
    let calls = 0;
    const asyncRule: ScannerRuleDescriptor = {
      id: 'test/async',
      rule: {
        meta: { id: 'test/async', type: 'scanner', supportedContentTypes: ['text'] },
        create: () => ({
          file: async () => {
            calls++;
          },
        }),
      },
    };
    const mine = createSecretlintHost([...SCANNER_RULES, asyncRule]);
    expect(mine.scan('anything at all')).toBeUndefined();
    expect(mine.scan('anything at all')).toBeUndefined();
    expect(calls).toBe(1);
    expect(() => createSecretlintHost([{ id: 'p', rule: recommended as never }])).toThrow(/not a scanner rule/);
  });

  it('fails the scan when a rule throws (the event is refused, never logged unscanned), and the next text is scanned', () => {
    let fail = true;
    const throwing: ScannerRuleDescriptor = {
      id: 'test/throws',
      rule: {
        meta: { id: 'test/throws', type: 'scanner', supportedContentTypes: ['text'] },
        create: () => ({
          file() {
            if (fail) throw new Error('rule broke');
          },
        }),
      },
    };
    const mine = createSecretlintHost([throwing, ...SCANNER_RULES], RULE_PREFILTERS);
    const token = SECRETLINT_EXAMPLES['@secretlint/secretlint-rule-huggingface']![0]!;
    expect(() => mine.scan(`x ${token}`)).toThrow(/rule broke/);
    fail = false;
    expect(mine.scan(`x ${token}`)).toEqual([[2, 2 + token.length]]);
  });
});

describe('per-rule pre-filters (secretlint-prefilters.ts)', () => {
  it('apply to the installed preset version only (derived again on an upgrade), and cover every rule but the file-only one', () => {
    // Fails when the preset is upgraded: read each rule's source again, re-derive its condition, then move the pin.
    expect(PREFILTERS_APPLY).toBe(true);
    const ruleIds = SCANNER_RULES.map((d) => d.id);
    for (const id of RULE_PREFILTERS.keys()) expect(ruleIds).toContain(id);
    expect(ruleIds.filter((id) => !RULE_PREFILTERS.has(id))).toEqual([...FILE_ONLY_RULES]);
  });

  const filteredRules = SCANNER_RULES.filter((d) => RULE_PREFILTERS.has(d.id));
  it.each(filteredRules.map((d) => [d.id, d] as const))(
    '%s: every example passes its condition and reaches the rule',
    async (id, d) => {
      const examples = SECRETLINT_EXAMPLES[id]!;
      expect(examples.length).toBeGreaterThan(0);
      const single = createSecretlintHost([d], RULE_PREFILTERS);
      for (const secret of examples) {
        for (const text of [secret, `a ${secret} b`, `x\n${secret}`, `\uFEFF${secret}`]) {
          expect(RULE_PREFILTERS.get(id)!(text.replace(/^\uFEFF/, '')), text.slice(0, 40)).toBe(true);
          const reference = await lintSource({
            source: { filePath: '/audit-event.txt', content: text, ext: '.txt', contentType: 'text' },
            options: { config: { rules: [d as never] }, maskSecrets: false },
          });
          const mine = single.scan(text)!;
          expect(mine.length).toBeGreaterThan(0);
          expect(unique(mine)).toEqual(unique(reference.messages.map((m) => [m.range[0], m.range[1]] as Range)));
        }
      }
    },
  );

  it('skip the rules on text without any rule’s fixed part (paths, ids, tool names)', () => {
    for (const text of [
      '/srv/reports/2026/q3-revenue.pdf',
      'github_create_pull_request',
      '0190f0d2-6a4b-7c3e-9d1f-2b3c4d5e6f70',
    ])
      expect(
        [...RULE_PREFILTERS].filter(([, test]) => test(text)).map(([id]) => id),
        text,
      ).toEqual([]);
  });
});

describe('scanSecrets on the host', () => {
  it('answers without a promise and finds every example, also across the scan windows’ boundaries', () => {
    for (const secret of allExamples) {
      const text = `new text ${Date.now()} ${secret}`;
      const ranges = scanSecrets(text);
      expect(Array.isArray(ranges)).toBe(true);
      const at = text.indexOf(secret);
      expect(
        (ranges as Range[]).some(([a, b]) => a < at + secret.length && b > at + 8),
        secret.slice(0, 30),
      ).toBe(true);
    }
    // Windows of 16,384 characters overlapping by 1,024: a secret shorter than the overlap is whole in one of them.
    const token = SECRETLINT_EXAMPLES['@secretlint/secretlint-rule-github']![0]!;
    for (const at of [16_384 - 1_024 - 10, 16_384 - 20, 16_384 - token.length, 16_384 + 5, 2 * 15_360 - 7]) {
      const text = `${'x '.repeat(at / 2)}${at % 2 ? ' ' : ''}${token} ${'y '.repeat(50)}`;
      const start = text.indexOf(token);
      const ranges = scanSecrets(text) as Range[];
      expect(ranges, `secret at ${start}`).toEqual([[start, start + token.length]]);
    }
  });

  it('maps ranges past a leading byte-order mark onto the text (secretlint counts from after it)', () => {
    const token = SECRETLINT_EXAMPLES['@secretlint/secretlint-rule-huggingface']![0]!;
    const text = `\uFEFF${token} ${Date.now()}`;
    expect(scanSecrets(text)).toEqual([[1, 1 + token.length]]);
  });

  it('a `secretlint-disable` comment in the text does not hide a secret (the preset’s comment filter is not run)', async () => {
    const token = SECRETLINT_EXAMPLES['@secretlint/secretlint-rule-huggingface']![0]!;
    for (const text of [
      `secretlint-disable\n${token}`,
      `<!-- secretlint-disable -->\n${token}`,
      `${token} // secretlint-disable-line`,
    ]) {
      const start = text.indexOf(token);
      expect(scanSecrets(text)).toEqual([[start, start + token.length]]);
      expect(await lintWindow(text)).toEqual([[start, start + token.length]]);
    }
  });
});
