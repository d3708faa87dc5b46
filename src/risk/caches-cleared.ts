/**
 * Clearing a cache destroys nothing kept (twenty-sixth round; docs/risk.md, destructive).
 *
 * A cache holds copies of data kept elsewhere, fetched or computed again on the next miss (RFC 9111 §1: a cache
 * stores responses "to reduce the response time and network bandwidth consumption on future, equivalent requests"):
 * clearing, flushing, refreshing or invalidating one (`clear_cache`, `clearWebsiteCache`, `semconv_refresh_cache`,
 * "Clear exchange instance cache to apply configuration changes") loses no data that cannot be restored, which is what
 * `destructive` marks. It is a plain change: the next calls are slower, or see fresh content.
 *
 * Only when the tool's name has both a clearing verb and the noun `cache`, the tool is not an HTTP DELETE (deleting a
 * cache resource: a CI provider's saved build cache is labelled destructive) and the description has no loss wording
 * ("permanently"). Purging stays destructive (docs/risk.md: deleting, purging or wiping is destructive).
 */
import { stem } from './tokens.js';

const clearingVerbs = new Set(['clear', 'flush', 'refresh', 'invalidate', 'reset', 'empty', 'bust']);
const lossWording = /\b(permanent\w*|irreversibl\w*|cannot be undone|can't be undone)\b/i;

/** Why clearing what the tool names destroys nothing kept, if so (see the module comment). */
export function cacheCleared(idWords: readonly string[], description: string, httpDelete: boolean): string | undefined {
  if (httpDelete || lossWording.test(description.slice(0, 600))) return undefined;
  const words = idWords.map((w) => stem(w.toLowerCase()));
  const verb = words.find((w) => clearingVerbs.has(w));
  if (verb === undefined || !words.some((w) => w === 'cache' || w === 'cach')) return undefined;
  return `'${verb}' of a cache: its copies are fetched or computed again, nothing kept is lost`;
}
