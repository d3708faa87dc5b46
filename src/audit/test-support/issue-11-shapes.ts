/** Secret shapes issue 11 found leaking through the audit log, and events that put them where they leaked. */
// Token-shaped samples are assembled at run time so that secret scanners do not flag this file.
const j = (...parts: string[]) => parts.join('');
export const issue11Shapes = {
  freeTextPassword: 'hunter2-Secret-77',
  dbPasswd: 'c0rrect-h0rse-battery',
  jsonApiKey: 'AbC123xyz987QwErTy',
  dbPassword: 'pg-pass-0987',
  awsSecretAccessKey: j('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYzQ8mKEY'),
  password1: 'first-pass-word-1',
  mysecret: 'my-hidden-value-42',
  dottedCard: '4111.1111.1111.1111',
  underscoreCard: '5500_0000_0000_0004',
  slashCard: '3782/822463/10005',
  fullwidthEmail: 'ｊａｎｅ．ｄｏｅ＠example.com',
  githubTokenAsToolName: j('ghp_', 'A1b2C3d4E5f6G7h8I9j0', 'K1l2M3n4O5p6Q7r8'),
  bareHeaderToken: j('upstreamTok', 'en-9f8e7d6c5b4a'),
  postgresUrl: j('postgres://app:', 'Sup3rS3cretPw', '@db.internal:5432/app'),
  basicAuthUrl: j('https://admin:', 'pa55w0rdXYZ', '@intranet.example.com/x'),
  slackToken: j('xoxb-', '123456789012-1234567890123-', 'abcdefghijABCDEFGHIJklmn'),
  bearerInText: j('eyJhbGciOi', 'JIUzI1NiJ9.eyJzdWIiOiIxIn0.', 'c2lnbmF0dXJlLXZhbHVl'),
  // Formats only the secretlint rule set knows (no detector of ours matches them).
  huggingFaceToken: j('hf_', 'AbCdEfGhIjKlMnOpQr', 'StUvWxYzAbCdEfGh'),
  linearKey: j('lin_api_', 'a1B2c3D4e5F6g7H8i9J0', 'k1L2m3N4o5P6q7R8s9T0'),
} as const;

/** The raw parts of each shape that must not survive (the secret, not the surrounding key or host). */
export const issue11Needles: Record<keyof typeof issue11Shapes, string> = {
  ...issue11Shapes,
  fullwidthEmail: 'ｊａｎｅ．ｄｏｅ',
  postgresUrl: 'Sup3rS3cretPw',
  basicAuthUrl: 'pa55w0rdXYZ',
};

/** Events that put every shape where issue 11 found it leaking (and a few more places). */
export function issue11Events(s = issue11Shapes) {
  return [
    {
      type: 'tool.call.requested' as const,
      tool: 'db.run',
      arguments: {
        note: `connect with password=${s.freeTextPassword} and db passwd: ${s.dbPasswd}`,
        body: `{"apiKey": "${s.jsonApiKey}"}`,
        dbPassword: s.dbPassword,
        awsSecretAccessKey: s.awsSecretAccessKey,
        password1: s.password1,
        mysecret: s.mysecret,
        cards: [s.dottedCard, `pay with ${s.underscoreCard}`, s.slashCard],
        contact: `mail ${s.fullwidthEmail} today`,
        dsn: s.postgresUrl,
        link: s.basicAuthUrl,
        slack: `token ${s.slackToken}`,
        headers: `Authorization: Bearer ${s.bearerInText}`,
        models: `pull with ${s.huggingFaceToken}`,
        tracker: [s.linearKey],
      },
    },
    {
      type: 'tool.call.denied' as const,
      tool: s.githubTokenAsToolName,
      decision: 'deny' as const,
      reasons: [`Unknown tool: ${s.githubTokenAsToolName}`],
      error: `upstream said 401 for ${s.bareHeaderToken}`,
      detail: { uri: `https://api.example.com/v1?token=${s.bareHeaderToken}`, dsn: s.postgresUrl },
    },
  ];
}
