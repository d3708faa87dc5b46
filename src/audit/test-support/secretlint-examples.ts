/**
 * One or more example secrets per rule of secretlint's recommended preset (version 12), each written from the rule's
 * own pattern and checks (node_modules/@secretlint/secretlint-rule-preset-recommend): the shape the rule documents,
 * with characters from a seeded generator instead of a real credential. Assembled at run time so that secret
 * scanners do not flag this file. secretlint-host.test.ts proves that each one reaches its rule.
 */
const j = (...parts: string[]) => parts.join('');

/** Deterministic characters from `alphabet` (a linear congruential generator: the same examples on every run). */
function chars(alphabet: string, n: number, seed: number): string {
  let x = seed >>> 0;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out += alphabet[(x >>> 8) % alphabet.length];
  }
  return out;
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const WORD = `${ALNUM}_`;
const URLSAFE = `${ALNUM}_-`;
const HEX = '0123456789abcdef';
const B64 = `${ALNUM}+/`;

/** A 1Password service-account token: `ops_` and the base64 of a JSON object (starts `ey`, ends `fQ`). */
function onePasswordToken(): string {
  let json = JSON.stringify({
    email: `${chars(LETTERS, 12, 71).toLowerCase()}@1passwordserviceaccounts.lcl`,
    k: chars(URLSAFE, 43, 72),
  });
  // Pad the object so that its base64 ends in `fQ` (a length of 1 modulo 3 leaves `}` alone in the last group).
  while (json.length % 3 !== 1) json = json.replace('{', '{ ');
  return j('ops_', Buffer.from(json).toString('base64'));
}

/** A PEM private key whose body passes the rule's checks (base64, at least 100 characters, ASN.1 `MI` start). */
function pemKey(kind: string, eol: string): string {
  const body = j('MII', chars(B64, 120, 81));
  const lines = body.match(/.{1,64}/g)!.join(eol);
  return j('-----BEGIN ', kind, 'PRIVATE KEY-----', eol, lines, eol, '-----END ', kind, 'PRIVATE KEY-----');
}

export const SECRETLINT_EXAMPLES: Record<string, readonly string[]> = {
  '@secretlint/secretlint-rule-aws': [
    j('AWS_SECRET_ACCESS_KEY = "', chars(`${ALNUM}/+`, 40, 1), '"'),
    j("aws_secret_access_key: '", chars(`${ALNUM}/+`, 40, 2), "'"),
    j('{"SecretAccessKey": "', chars(`${ALNUM}/+`, 40, 39), '"}'),
  ],
  '@secretlint/secretlint-rule-npm': [j('npm_', chars(ALNUM, 36, 3))],
  '@secretlint/secretlint-rule-slack': [
    j('xoxb-', chars('0123456789', 12, 4), '-', chars('0123456789', 13, 5), '-', chars(ALNUM, 24, 6)),
    j('https://hooks.slack.com/services/T', chars(ALNUM, 10, 7), '/B', chars(ALNUM, 10, 8), '/', chars(ALNUM, 24, 9)),
    // The webhook pattern ignores case.
    j(
      'HTTPS://HOOKS.SLACK.COM/SERVICES/T',
      chars(ALNUM, 10, 40),
      '/B',
      chars(ALNUM, 10, 41),
      '/',
      chars(ALNUM, 24, 42),
    ),
  ],
  '@secretlint/secretlint-rule-basicauth': [
    j('https://deployer:', chars(ALNUM, 14, 10), '@intranet.corp-net.io/builds'),
  ],
  '@secretlint/secretlint-rule-openai': [j('sk-', chars(ALNUM, 20, 11), 'T3BlbkFJ', chars(ALNUM, 20, 12))],
  '@secretlint/secretlint-rule-anthropic': [j('sk-ant-api03-', chars(URLSAFE, 93, 13), 'AA')],
  '@secretlint/secretlint-rule-groq': [j('gsk_', chars(ALNUM, 52, 14))],
  '@secretlint/secretlint-rule-huggingface': [j('hf_', chars(LETTERS, 34, 15))],
  '@secretlint/secretlint-rule-linear': [j('lin_api_', chars(ALNUM, 40, 16))],
  '@secretlint/secretlint-rule-notion': [j('ntn_', chars('0123456789', 11, 17), chars(ALNUM, 35, 18))],
  '@secretlint/secretlint-rule-privatekey': [pemKey('RSA ', '\n'), pemKey('', '\\n')],
  '@secretlint/secretlint-rule-sendgrid': [j('SG.', chars(ALNUM, 22, 19), '.', chars(ALNUM, 43, 20))],
  '@secretlint/secretlint-rule-shopify': [j('shpat_', chars(ALNUM, 32, 21)), j('shpss_', chars(ALNUM, 40, 22))],
  '@secretlint/secretlint-rule-github': [j('ghp_', chars(ALNUM, 36, 23)), j('github_pat_', chars(WORD, 82, 24))],
  '@secretlint/secretlint-rule-gitlab': [j('glpat-', chars(URLSAFE, 20, 25))],
  '@secretlint/secretlint-rule-grafana': [
    j('glc_eyJ', chars(ALNUM, 45, 26), '='),
    j('glsa_', chars(ALNUM, 32, 27), '_', chars(HEX, 8, 28)),
  ],
  '@secretlint/secretlint-rule-1password': [onePasswordToken()],
  '@secretlint/secretlint-rule-database-connection-string': [
    j('postgres://app:', chars(ALNUM, 16, 29), '@db.internal:5432/app'),
    j('mysql://report:', chars(ALNUM, 16, 30), '@mysql.internal:3306/sales'),
    j('mongodb+srv://svc:', chars(ALNUM, 16, 31), '@cluster0.mongo.internal/prod'),
    // These patterns ignore case.
    j('PostgreSQL://app:', chars(ALNUM, 16, 43), '@db.internal:5432/app'),
    j('jdbc:MySQL://report:', chars(ALNUM, 16, 44), '@mysql.internal/sales'),
  ],
  '@secretlint/secretlint-rule-hashicorp-vault': [
    j('hvs.', chars(URLSAFE, 95, 32)),
    j('hvb.', chars(URLSAFE, 150, 33)),
    j('hvr.', chars(URLSAFE, 95, 34)),
  ],
  '@secretlint/secretlint-rule-vercel': [j('vcp_', chars(ALNUM, 30, 35))],
  '@secretlint/secretlint-rule-databricks': [j('dapi', chars(HEX, 32, 36))],
  '@secretlint/secretlint-rule-docker': [j('dckr_pat_', chars(URLSAFE, 27, 37))],
  '@secretlint/secretlint-rule-figma': [j('figd_', chars(URLSAFE, 45, 38))],
};

/** Rules that never report on a text source: the GCP rule reads `.p12` and `.json` files only. */
export const FILE_ONLY_RULES = new Set(['@secretlint/secretlint-rule-gcp']);

/** Text with no secret in it, of the kinds audit events carry: paths, URLs, ids, tool names, long words. */
export const CLEAN_TEXTS: readonly string[] = [
  '/srv/reports/2026/q3-revenue.pdf',
  'https://api.internal.example.net/v2/orders?page=3&sort=created_at',
  'github_create_pull_request',
  '0190f0d2-6a4b-7c3e-9d1f-2b3c4d5e6f70',
  'billing.create_refund_for_customer',
  'postgres://db.internal:5432/app',
  'https://intranet.corp-net.io/builds/1234567890',
  'sk-not-a-key-just-a-long-identifier-name',
  'SELECT customer_id, amount FROM invoices WHERE created_at > now()',
  'hf_short',
  'the quick brown fox jumps over the lazy dog repeatedly',
  '-----BEGIN PUBLIC KEY----- not a private key',
];
