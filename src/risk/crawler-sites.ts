/**
 * Sites read through a crawler (twenty-eighth round; docs/risk.md, open world).
 *
 * An MCP server whose package name says it crawls or scrapes the web (crawl, crawler, scrape, scraper, spider:
 * `@acme/bycrawl-mcp`, `webscraper-mcp`) fetches what its tools return from the sites it crawls, on the caller's
 * credits: a read tool named after another site (its first name word is neither a verb, nor the server's own name,
 * nor one of the service's own records: `instagram_search_tags`, `x_get_user`, `reddit_get_subreddit`) reaches that
 * site through the crawler. That is a paid third-party fetch, `external`, not a local read, even where the tool's own
 * words (a bare "Get subreddit info by name") never say so; only the server's name does.
 *
 * Not in the class: the server's own tools (`firecrawl_research_search_papers` on `firecrawl-mcp`: named after the
 * server, they read its own index), a name led by a verb (`get_crawl_status`: nothing names a site), reads of the
 * service's own records (jobs, runs, results, credits, monitors, projects), and a tool that changes state (it keeps its
 * side effect).
 */
import { governingVerb } from './verbs.js';

/** A server name that says it crawls or scrapes the web (a substring: "bycrawl", "webscraper", "spider-cloud"). */
const crawlerServer = /crawl|scrap|spider/i;
/** The service's own records, which it answers from its own store (a crawl's job, its results, the account's credits). */
const ownRecords = new Set([
  'job',
  'jobs',
  'task',
  'tasks',
  'run',
  'runs',
  'batch',
  'status',
  'result',
  'results',
  'credit',
  'credits',
  'usage',
  'account',
  'monitor',
  'monitors',
  'project',
  'projects',
  'dataset',
  'datasets',
  'webhook',
  'webhooks',
  'schedule',
  'schedules',
  'session',
  'sessions',
  'history',
  'report',
  'reports',
  'crawl',
  'crawler',
  'scrape',
  'scraper',
  'spider',
  'web',
  'page',
  'url',
  'site',
  'browser',
]);

/**
 * Why a read of a crawler server's tool reaches the site its name leads with (see the module comment), if it does.
 * `server` is the MCP server's name, `idWords` the tool name's words, `reads` whether the tool only reads.
 */
export function crawlerSiteReason(server: string, idWords: readonly string[], reads: boolean): string | undefined {
  if (!reads || idWords.length < 2 || !crawlerServer.test(server)) return undefined;
  const site = idWords[0] ?? '';
  if (site === '' || ownRecords.has(site) || server.toLowerCase().includes(site)) return undefined;
  if (governingVerb([site]) !== undefined) return undefined;
  return `'${site}' in name is the site crawler server '${server}' fetches from (a paid third-party read)`;
}
