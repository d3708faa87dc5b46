import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { createCleanTextCache } from './clean-text-cache.js';

/**
 * Secret detection with secretlint's recommended rule preset (maintained rules for AWS, GCP, GitHub,
 * GitLab, Slack, npm, SendGrid, OpenAI, Anthropic, Groq, Hugging Face, HashiCorp Vault, Databricks, Docker, Figma,
 * Grafana, Linear, Notion, Shopify, Vercel, 1Password, basic-auth URLs, database connection strings, private keys): the rule set of an established scanner instead of a list of our own (docs/adr/0010).
 *
 * Its rules are ordinary (backtracking) JavaScript regular expressions, so the input is bounded: text is scanned
 * in windows of at most WINDOW characters that overlap by OVERLAP (a secret shorter than the overlap is always
 * whole in some window), which keeps the cost linear in the input; adversarial inputs measured at 16 KB per
 * window stay around 10 ms. Strings shorter than MIN_LENGTH are not scanned (no rule matches that little).
 */
const WINDOW = 16_384;
const OVERLAP = 1024;
export const SCANNER_MIN_LENGTH = 12;

const config = { rules: [{ id: recommended.meta.id, rule: recommended }] };

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
 * Cheap necessary condition for any rule of the preset to match: every one looks for a token of at least 16
 * non-space characters (keys, tokens, base64 credentials), a URL with credentials (`://...@`) or a PEM header.
 * A scan costs a few hundred microseconds, so ordinary text (words shorter than 16 characters) skips it.
 */
const HINT = /[\w+/=.~-]{16}|:\/\/|BEGIN/;
export function mayHoldSecret(text: string): boolean {
  return text.length >= SCANNER_MIN_LENGTH && HINT.test(text);
}

/** Texts scanned before and found clean (clean-text-cache.ts says why that is safe). */
const clean = createCleanTextCache();

/** True when `text` was scanned before and nothing was found in it: scanning it again would find nothing. */
export function knownClean(text: string): boolean {
  return text.length < SCANNER_MIN_LENGTH || clean.has(text);
}

/** Character ranges [start, end) of secrets found in `text`, sorted and merged. */
export async function scanSecrets(text: string): Promise<Array<[number, number]>> {
  if (knownClean(text)) return [];
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < text.length; start += WINDOW - OVERLAP) {
    const content = text.slice(start, start + WINDOW);
    const result = await lintSource({
      source: { filePath: '/audit-event.txt', content, ext: '.txt', contentType: 'text' },
      options: { config, maskSecrets: false },
    });
    for (const m of result.messages) ranges.push([start + m.range[0], start + m.range[1]]);
    if (start + WINDOW >= text.length) break;
  }
  if (ranges.length === 0) {
    clean.add(text);
    return [];
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
