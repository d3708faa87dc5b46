/**
 * What "transfer" moves (thirty-first round; docs/risk.md, financial).
 *
 * "Transfer" is a payment when money moves: PSD2's credit transfers, a balance, funds, credit or a crypto asset sent
 * to an address (lexicon.ts reads it as a pay verb). Its object can name something else that changes hands or place,
 * and then no money moves:
 * - a file or data: file transfer (FTP, RFC 959; SFTP) copies content between hosts;
 * - a call or a phone number: a call transfer (SIP REFER, RFC 3515) hands a call to another party, and a number moved
 *   between accounts (number porting) keeps its owner's service;
 * - a conversation, chat, ticket or session handed to another agent or team (a helpdesk handoff);
 * - software and content: a plugin, package, pattern, model or template, or the store that offers them;
 * - ownership of a repository or project (GitHub's repository transfer) or of a store.
 * Moving one of these is a change (`update`), not a money movement. The object is the verb's object phrase
 * (object-phrase.ts: up to four words, determiners skipped, ending at a preposition), so "transfer funds to a file
 * account" stays a payment and "transfer balance between accounts" is one.
 */
import { strongNouns, type VerbClass } from './lexicon.js';
import { objectPhrase } from './object-phrase.js';
import { stem } from './tokens.js';

/** Things a transfer moves that are not money (see the module comment). */
const notMoney = new Set([
  'file',
  'folder',
  'directory',
  'data',
  'dataset',
  'document',
  'attachment',
  'call',
  'number',
  'phone',
  'phonenumber',
  'conversation',
  'chat',
  'ticket',
  'session',
  'plugin',
  'package',
  'pattern',
  'model',
  'template',
  'store',
  'ownership',
  'repository',
  'repo',
  'project',
]);

/** Value that moves as money does, besides the financial nouns (credits, crypto assets and tokens, securities). */
const value = new Set(['credit', 'asset', 'token', 'nft', 'coin', 'currency', 'share', 'stock']);

/**
 * `update` when the object of "transfer" at `i` names something that is not money and nothing that is (module
 * comment), else undefined.
 */
export function transferObjectClass(words: readonly string[], i: number): VerbClass | undefined {
  let thing = false;
  for (const j of objectPhrase(words, i, 4)) {
    const w = stem((words[j] ?? '').toLowerCase());
    if (strongNouns.financial.has(w) || value.has(w)) return undefined;
    if (notMoney.has(w)) thing = true;
  }
  return thing ? 'update' : undefined;
}
