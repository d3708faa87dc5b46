/**
 * The current time as `Date.prototype.toISOString()` writes it (`2026-11-29T19:04:05.123Z`), for the timestamps every
 * call records (its decision record, each audit event). V8 formats a date through `snprintf` — about 7,500
 * instructions a call, three times per tool call (ADR 0017, Decision 47) — so the text up to the seconds is kept for
 * the current second and only the milliseconds are written per call. The same text as `toISOString` for every time;
 * years outside 0000–9999 (the six-digit extended form) are left to `toISOString` itself.
 */
let cachedSecond = Number.NaN;
let cachedPrefix = '';

export function isoNow(ms: number = Date.now()): string {
  if (!Number.isInteger(ms)) return new Date(ms).toISOString();
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    const text = new Date(second * 1000).toISOString();
    // 'YYYY-MM-DDTHH:MM:SS.000Z' is 24 characters; the extended years' form is longer and is not cached.
    if (text.length !== 24) return new Date(ms).toISOString();
    cachedPrefix = text.slice(0, 20);
    cachedSecond = second;
  }
  const milli = ms - second * 1000;
  return `${cachedPrefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}
