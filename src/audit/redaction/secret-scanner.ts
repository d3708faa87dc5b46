import { createRequire } from 'node:module';
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { createCleanTextCache } from './clean-text-cache.js';
import { PREFILTERED_PRESET_VERSION, RULE_PREFILTERS } from './secretlint-prefilters.js';
import {
  createSecretlintHost,
  SCAN_FILE_PATH,
  type ScannerRuleDescriptor,
  type SecretlintHost,
} from './secretlint-host.js';

/**
 * Secret detection with secretlint's recommended rule preset (maintained rules for AWS, GCP, GitHub,
 * GitLab, Slack, npm, SendGrid, OpenAI, Anthropic, Groq, Hugging Face, HashiCorp Vault, Databricks, Docker, Figma,
 * Grafana, Linear, Notion, Shopify, Vercel, 1Password, basic-auth URLs, database connection strings, private keys): the rule set of an established scanner instead of a list of our own (docs/adr/0010).
 *
 * Its rules are ordinary (backtracking) JavaScript regular expressions, so the input is bounded: text is scanned
 * in windows of at most WINDOW characters that overlap by OVERLAP (a secret shorter than the overlap is always
 * whole in some window), which keeps the cost linear in the input; adversarial inputs measured at 16 KB per
 * window stay around 10 ms. Strings shorter than MIN_LENGTH are not scanned (no rule matches that little: the
 * shortest match of any rule is a Slack token such as `xoxb-a-b`, 8 characters).
 */
const WINDOW = 16_384;
const OVERLAP = 1024;
export const SCANNER_MIN_LENGTH = 8;

/**
 * The preset's rules, listed one by one, less its comment filter (`secretlint-rule-filter-comments`): that rule turns
 * off reporting after a `secretlint-disable` comment *in the scanned text*, and audit text is written by the caller,
 * so one argument saying `secretlint-disable` let every secretlint-only secret after it into the log unmasked.
 * (secretlint 12 ignores `disabled` on a rule inside a preset's config, so the preset itself cannot be used.)
 */
export const COMMENT_FILTER_RULE = '@secretlint/secretlint-rule-filter-comments';
export const SCANNER_RULES: readonly ScannerRuleDescriptor[] = (
  recommended.rules as unknown as ScannerRuleDescriptor['rule'][]
)
  .filter((rule) => rule.meta.id !== COMMENT_FILTER_RULE)
  .map((rule) => ({ id: rule.meta.id, rule }));
const config = { rules: SCANNER_RULES as never[] };

/**
 * secretlint's core marks the start and end of every lint and every rule on a process-wide profiler
 * (`@secretlint/profiler`), which keeps every mark for ever and, in version 12, searches all of them at each end
 * mark (upstream issues #1633 and #1653). In a gateway that scans audit events for its whole life that is a leak whose
 * cost grows with every scan: 56 marks per scan, and RSS grew by 11–19 MiB per 1,000 scans of one short string. Version 13
 * lets library users switch it off (`setEnabled(false)`) but needs Node 22; on 12 nothing reads the profile, so its
 * `mark` becomes a no-op before the first scan. Either way the profiler records nothing (secret-scanner.test.ts).
 */
function silenceProfiler(profiler: { mark: (marker: unknown) => void; setEnabled?: (on: boolean) => void }): void {
  if (typeof profiler.setEnabled === 'function') profiler.setEnabled(false);
  else profiler.mark = () => {};
}
silenceProfiler(secretLintProfiler as unknown as Parameters<typeof silenceProfiler>[0]);

/**
 * Cheap necessary condition for any rule of the preset to match, so that ordinary text (words shorter than 16
 * characters) is not even collected for the scan: every rule looks for a token of at least 16 characters of this
 * class (keys, tokens, base64 credentials), a URL (`://`: credentials in a URL, database connection strings) or a PEM
 * header — except Slack's token pattern, `\b(?:xoxb|xoxp|xapp|xoxa|xoxo|xoxr)-(?:\d-)?(?:[a-zA-Z0-9]{1,40}-)+
 * [a-zA-Z0-9]{1,40}\b`, which also matches tokens as short as `xoxb-a-b`; its prefixes are listed (until 2026-11-27
 * they were not, and such short tokens were never scanned: ADR 0017 Decision 26).
 */
export const MAY_HOLD_SECRET = /[\w+/=.~-]{16}|:\/\/|BEGIN|xox[bpaor]-|xapp-/;
/** `MAY_HOLD_SECRET.test(text)` for texts of SCANNER_MIN_LENGTH or more, without the regular expression: it runs on
 * every caller string of every event, and the unanchored alternation tried at each position cost about as much as
 * the rest of the string's redaction (ADR 0017, Decision 27); the test holds the two to the same answers. */
export function mayHoldSecret(text: string): boolean {
  if (text.length < SCANNER_MIN_LENGTH) return false;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && TOKEN_CHAR[c] === 1) {
      if (++run === 16) return true;
    } else run = 0;
  }
  return text.includes('://') || text.includes('BEGIN') || (text.includes('x') && SLACK_PREFIX.test(text));
}
/** `[\w+/=.~-]`: `\w` without the `u` flag is `[A-Za-z0-9_]`. */
const TOKEN_CHAR = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/=.~-')
  TOKEN_CHAR[ch.charCodeAt(0)] = 1;
const SLACK_PREFIX = /xox[bpaor]-|xapp-/;

/** Texts scanned before and found clean (clean-text-cache.ts says why that is safe). */
const clean = createCleanTextCache();

/** True when `text` was scanned before and nothing was found in it: scanning it again would find nothing. */
export function knownClean(text: string): boolean {
  return text.length < SCANNER_MIN_LENGTH || clean.has(text);
}

/**
 * The same rules with their contexts built once (secretlint-host.ts): the scan of a text then costs the rules' own
 * work, not secretlint's per-lint set-up, and answers without a promise; a rule whose fixed part is not in the text
 * is not run (secretlint-prefilters.ts). Undefined if the host cannot take this rule
 * set; then every text goes to `lintSource`.
 */
let host: SecretlintHost | undefined;
/** The installed preset's version: the per-rule pre-filters were derived from one version's rules and apply to it only. */
export const PRESET_VERSION = (
  createRequire(import.meta.url)('@secretlint/secretlint-rule-preset-recommend/package.json') as { version: string }
).version;
export const PREFILTERS_APPLY = PRESET_VERSION === PREFILTERED_PRESET_VERSION;
try {
  host = createSecretlintHost(SCANNER_RULES, PREFILTERS_APPLY ? RULE_PREFILTERS : undefined);
} catch {
  host = undefined;
}

/** One window through secretlint's own `lintSource`: the reference the host is held to, and its fallback. */
export async function lintWindow(content: string): Promise<Array<[number, number]>> {
  const result = await lintSource({
    source: { filePath: SCAN_FILE_PATH, content, ext: '.txt', contentType: 'text' },
    options: { config, maskSecrets: false },
  });
  return result.messages.map((m) => [m.range[0], m.range[1]]);
}

type Ranges = Array<[number, number]>;

/**
 * Character ranges [start, end) of secrets found in `text`, sorted and merged. A value when the host answered every
 * window (always, with the recommended preset), a promise when a window had to go through `lintSource`.
 */
export function scanSecrets(text: string): Ranges | Promise<Ranges> {
  if (knownClean(text)) return [];
  const ranges: Ranges = [];
  const pending: Array<Promise<void>> = [];
  for (let start = 0; start < text.length; start += WINDOW - OVERLAP) {
    const content = text.slice(start, start + WINDOW);
    // secretlint drops a leading byte-order mark before the rules run, so its ranges count from the next character.
    const shift = start + (content.charCodeAt(0) === 0xfeff ? 1 : 0);
    const found = host?.scan(content);
    if (found) for (const [a, b] of found) ranges.push([shift + a, shift + b]);
    else
      pending.push(
        lintWindow(content).then((list) => {
          for (const [a, b] of list) ranges.push([shift + a, shift + b]);
        }),
      );
    if (start + WINDOW >= text.length) break;
  }
  if (pending.length === 0) return settle(text, ranges);
  return Promise.all(pending).then(() => settle(text, ranges));
}

function settle(text: string, ranges: Ranges): Ranges {
  if (ranges.length === 0) {
    clean.add(text);
    return [];
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Ranges = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
