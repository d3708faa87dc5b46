/**
 * A necessary condition per rule of secretlint's recommended preset, so that a rule is not run on a text it cannot
 * report anything in.
 *
 * Why: with their contexts built once (secretlint-host.ts) the rules' own work is what a scan costs, and most of it
 * is building regular expressions — each rule makes its pattern (or `matchAll` copies it) on every text — whatever
 * the text holds (docs/adr/0017, Decision 26). Nearly every text an audit event carries (paths, URLs, ids, tool
 * names) lacks the fixed part every pattern of a rule requires, so a substring test decides most rules at once.
 *
 * Soundness: each condition below is derived from the rule's source in version PREFILTERED_PRESET_VERSION (quoted
 * next to it) and holds for every text any pattern of the rule can match: it tests only a fixed string that each of
 * the rule's patterns requires, case-insensitively where the rule's pattern is. A rule without an entry always runs.
 * With another version of the preset installed no condition is used (secret-scanner.ts), because a rule may have
 * changed; secretlint-host.test.ts fails then, so that they are derived again. A mistake here lets a secret into the
 * audit log: the tests hold every rule's example secrets, in every position, to the rule's own answer.
 */
export const PREFILTERED_PRESET_VERSION = '12.0.0';

const has = (needle: string) => (content: string) => content.includes(needle);

export const RULE_PREFILTERS: ReadonlyMap<string, (content: string) => boolean> = new Map([
  // Only the secret-access-key check runs by default (`enableIDScanRule` false):
  // /${QUOTE}${AWS}(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)${QUOTE}${CONNECT}.../g
  ['@secretlint/secretlint-rule-aws', (c: string) => /secret_?access_?key/i.test(c)],
  // /_authToken=(...)/ in an .npmrc, /https?:\/\/(...):x-oauth-basic@github.com\// in package.json (both chosen by
  // file path; an audit text is neither, but the condition does not rely on that) and /npm_[A-Za-z0-9_]{36}/u.
  [
    '@secretlint/secretlint-rule-npm',
    (c) => c.includes('npm_') || c.includes('_authToken=') || c.includes(':x-oauth-basic@'),
  ],
  // /\b(?:xoxb|xoxp|xapp|xoxa|xoxo|xoxr)-.../g and /https:\/\/hooks\.slack\.com\/services\/T.../gi
  ['@secretlint/secretlint-rule-slack', (c) => /xox[bpaor]-|xapp-/.test(c) || /hooks\.slack\.com\/services\//i.test(c)],
  // /(?:https?|ftp|ftps):\/\/(?<user>...):(?<password>...)@.../g
  ['@secretlint/secretlint-rule-basicauth', (c) => c.includes('://') && c.includes('@')],
  // /sk-(?:proj|svcacct|admin)-...T3BlbkFJ...|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20}/g
  ['@secretlint/secretlint-rule-openai', has('T3BlbkFJ')],
  // /(?<!\p{L})sk-ant-api0\d-[A-Za-z0-9_-]{90,128}AA.../gu
  ['@secretlint/secretlint-rule-anthropic', has('sk-ant-api0')],
  // /(?<!\p{L})gsk_[a-zA-Z0-9]{52}.../gu
  ['@secretlint/secretlint-rule-groq', has('gsk_')],
  // /(?<!\p{L})hf_[a-zA-Z]{34}.../gu
  ['@secretlint/secretlint-rule-huggingface', has('hf_')],
  // /(?<!\p{L})lin_api_[a-zA-Z0-9_]{32,128}.../gu
  ['@secretlint/secretlint-rule-linear', has('lin_api_')],
  // /(?<!\p{L})ntn_[0-9]{11}[A-Za-z0-9]{35}.../gu
  ['@secretlint/secretlint-rule-notion', has('ntn_')],
  // /-----BEGIN[ ]?(?:(?:RSA|DSA|EC|OPENSSH|PGP) )?PRIVATE KEY(?: BLOCK)?-----.../gm
  ['@secretlint/secretlint-rule-privatekey', has('-----BEGIN')],
  // /(?<!\p{L})SG\.\w{1,128}\.\w{1,128}([-_]?)\w{1,128}(?!\w)/gu
  ['@secretlint/secretlint-rule-sendgrid', has('SG.')],
  // /(?<!\p{L})(shppa|shpca|shpat|shpss)_[a-zA-Z0-9]{32,64}.../gu
  ['@secretlint/secretlint-rule-shopify', (c) => /shp(?:pa|ca|at|ss)_/.test(c)],
  // /(?<!\p{L})(?<type>ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{36}.../gu and /(?<!\p{L})(?<type>github_pat)_.../gu
  ['@secretlint/secretlint-rule-github', (c) => /gh[pousr]_|github_pat_/.test(c)],
  // /(?<!\p{L})glpat-[A-Za-z0-9_-]{20,128}.../gu
  ['@secretlint/secretlint-rule-gitlab', has('glpat-')],
  // /(?<!\p{L})glc_[A-Za-z0-9+/]{32,400}={0,2}.../gu and /(?<!\p{L})glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}.../gu
  ['@secretlint/secretlint-rule-grafana', (c) => c.includes('glc_') || c.includes('glsa_')],
  // /(?<!\p{L})ops_(ey[A-Za-z0-9+/=]{100,1280}fQ={0,2}).../gu
  ['@secretlint/secretlint-rule-1password', has('ops_')],
  // /mongodb(?:\+srv)?:\/\/.../gi, /(?:jdbc:)?mysql(?:x)?:\/\/.../gi and /postgres(?:ql)?:\/\/.../gi
  ['@secretlint/secretlint-rule-database-connection-string', (c) => /mongodb|mysql|postgres/i.test(c)],
  // /(?<!\p{L})hvs\.[A-Za-z0-9_-]{90,120}.../gu, the same with hvb\. ({138,300}) and hvr\.
  ['@secretlint/secretlint-rule-hashicorp-vault', (c) => /hv[sbr]\./.test(c)],
  // /(?<!\p{L})(?<prefix>vcp|vci|vca|vcr|vck)_[A-Za-z0-9]{20,60}.../gu
  ['@secretlint/secretlint-rule-vercel', (c) => /vc[piark]_/.test(c)],
  // /(?<!\p{L})dapi[A-Fa-f0-9]{32}(?:-[0-9])?.../gu
  ['@secretlint/secretlint-rule-databricks', has('dapi')],
  // /(?<!\p{L})dckr_pat_[a-zA-Z0-9_-]{27}.../gu
  ['@secretlint/secretlint-rule-docker', has('dckr_pat_')],
  // /(?<!\p{L})figd_[A-Za-z0-9_-]{40,200}.../gu
  ['@secretlint/secretlint-rule-figma', has('figd_')],
]);
