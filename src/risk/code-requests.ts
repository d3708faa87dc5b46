/**
 * Requesting a one-time code sends a message (twenty-fifth round; docs/risk.md, external-communication).
 *
 * `generateOtp`, `sendVerificationCode`, `POST /otp/resend`: the service makes a one-time code and sends it to a person's
 * phone or mailbox (an SMS, an e-mail, a voice call), so that person can prove they hold it. The caller asks for the
 * message and never sees the code; what reaches the world is a message to a person that cannot be called back. That is
 * an irreversible external communication (how the labels treat every such request since held-out 34's SMS and e-mail
 * verification sends), not credential access: no secret is read, made for the caller or handed over.
 *
 * Answering the code (verify, validate, confirm, check, authenticate, log in with it) is another matter: it exchanges
 * the code for a session or a token and keeps its credential-access. A password reset's code is a credential to the
 * account (the labels' call for "forgot password" codes) and keeps it too, as does a tool that returns the code.
 *
 * So where a state-changing tool's name or opening asks for a one-time code (otp, a verification, confirmation or
 * security code, a one-time password or passcode) by a request verb, none of the answering or resetting words is
 * there, and no input or output field carries a code, `credential-access` that rests only on the code noun is dropped and
 * `external-communication` is added; the caller raises the side effect to `irreversible`.
 */
import type { SchemaField } from './schema-fields.js';
import type { Signals } from './signals.js';
import { splitWords, stem } from './tokens.js';

const requestVerbs = new Set(['generate', 'send', 'resend', 'request', 'issue', 'deliver', 'trigger', 'initiate']);
/** Words by which a code is answered, or the code belongs to a password reset. */
const answerWords = new Set([
  'verify',
  'validate',
  'confirm',
  'check',
  'submit',
  'answer',
  'authenticate',
  'password',
  'passwd',
  'reset',
  'forgot',
  'redeem',
  'exchange',
]);
const codeQualifiers = new Set(['verification', 'confirmation', 'security', 'sms', '2fa', 'mfa', 'otp']);
/** A field carrying the code: taken in (the code is answered) or handed back (the caller sees it). */
const codeFields = new Set(['otp', 'code', 'verificationcode', 'onetimepassword', 'passcode', 'securitycode', 'pin']);
/** Reasons that put credential-access on the code noun itself. */
const codeNounReason = /'(otp|code|passcode|onetimepassword)'/;

/** The words naming a one-time code in `words`, if any ("otp", "verification code", "one time password"). */
function codeNoun(words: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === 'otp') return w;
    const next = words[i + 1];
    if (codeQualifiers.has(w) && (next === 'code' || next === 'passcode')) return `${w} ${next}`;
    if (
      (w === 'onetime' || (w === 'one' && next === 'time')) &&
      /^(password|passcode|code|pin)$/.test(words[i + (w === 'one' ? 2 : 1)] ?? '')
    )
      return 'one-time code';
  }
  return undefined;
}

/** Applies the rule of the module comment; true when the tool was found to request a one-time code. */
export function codeRequest(
  s: Signals,
  ctx: {
    writes: boolean;
    nameWords: readonly string[];
    opening: string;
    inputFields: readonly SchemaField[];
    outputFields: readonly SchemaField[];
  },
): boolean {
  if (!ctx.writes) return false;
  const name = ctx.nameWords.map((w) => stem(w.toLowerCase()));
  const opening = splitWords(ctx.opening, 30).map((w) => stem(w.toLowerCase()));
  const noun = codeNoun(name) ?? codeNoun(opening);
  if (noun === undefined) return false;
  const all = [...name, ...opening];
  if (!all.some((w) => requestVerbs.has(w)) || all.some((w) => answerWords.has(w))) return false;
  // A code taken in is being answered; a code handed back reaches the caller.
  if ([...ctx.inputFields, ...ctx.outputFields].some((f) => codeFields.has(f.joined))) return false;
  const access = s.categories.get('credential-access');
  if (access && access.every((r) => codeNounReason.test(r))) s.categories.delete('credential-access');
  const why = `requests a one-time code ('${noun}' with a request verb): the service sends it to a person, not to the caller`;
  const ext = s.categories.get('external-communication');
  if (ext) ext.push(why);
  else s.categories.set('external-communication', [why]);
  return true;
}
