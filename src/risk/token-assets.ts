/**
 * A token as an asset, not a credential. In cryptocurrency and blockchain APIs a "token" is a unit of value (an
 * ERC-20 fungible token, an NFT, a coin): it has a price, a traded volume, a supply in circulation and holders, and it is
 * minted, burned and swapped (the ERC-20 and ERC-721 standards' and exchanges' vocabulary). An access token has none of
 * these. When credential-access rests only on the noun "token" (names, path, tags, prose: no secret value read or
 * set) and the tool's own words qualify that token by one of them ("token price", "price of a token", "token burn",
 * "genuine tokens"), the category is dropped with the reason. A token qualified otherwise (an API token's name, a
 * blocked token) keeps it.
 */
import type { Signals } from './signals.js';
import { concatWords, stem } from './tokens.js';

/** Words that make a nearby "token" an asset (stemmed). */
const assetWords = new Set(
  [
    'price',
    'burn',
    'burning',
    'amount',
    'volume',
    'supply',
    'circulation',
    'genuine',
    'mint',
    'minting',
    'holder',
    'fungible',
    'erc20',
    'erc721',
    'erc1155',
    'nft',
    'crypto',
    'cryptocurrency',
    'blockchain',
    'coin',
    'swap',
    'liquidity',
    'airdrop',
  ].map(stem),
);
/** Words that name the cryptocurrency setting itself: with one anywhere in the tool, any "token" in it is an asset
 * ("erc": an Ethereum Request for Comments token standard, ERC-20/721/1155; the splitter drops the digits). */
const assetSettings = new Set(['erc', 'erc20', 'erc721', 'erc1155', 'nft', 'cryptocurrency', 'crypto', 'blockchain']);
/** Credential reasons that only name the noun token ("reads noun 'token' in operationId", "'tokens' in path segment"). */
const tokenNameOnly = /^(reads )?(noun|object) 'tokens?'|^'tokens?' in (name|operationId|path segment|description|tag)/;

/** A "token" within three words of an asset word in one text's words. */
function assetToken(words: readonly string[]): string | undefined {
  const stems = words.map(stem);
  for (let i = 0; i < stems.length; i++) {
    if (stems[i] !== 'token') continue;
    for (let j = Math.max(0, i - 3); j <= Math.min(stems.length - 1, i + 3); j++)
      if (j !== i && assetWords.has(stems[j] ?? '')) return `${words[Math.min(i, j)]} … ${words[Math.max(i, j)]}`;
  }
  return undefined;
}

/** Drops credential-access resting only on the noun token when the tool's words make it an asset (module comment). */
export function assetTokens(s: Signals, texts: ReadonlyArray<readonly string[]>, writes: boolean): void {
  const why = s.categories.get('credential-access');
  if (!why || why.length === 0 || !why.every((r) => tokenNameOnly.test(r))) return;
  const setting = concatWords(texts).find((w) => assetSettings.has(stem(w)));
  // Only for reads: moving such tokens is a transfer of value the money rules may not see, so a change keeps its
  // category rather than fall a level.
  if (!writes && setting !== undefined && texts.some((words) => words.some((w) => stem(w) === 'token'))) {
    s.categories.delete('credential-access');
    s.reasons.push(`'${setting}': a token as an asset (a unit of value), not a credential (${why[0] ?? ''})`);
    return;
  }
  for (const words of texts) {
    const asset = assetToken(words);
    if (asset === undefined) continue;
    s.categories.delete('credential-access');
    s.reasons.push(`'${asset}': a token as an asset (a unit of value), not a credential (${why[0] ?? ''})`);
    return;
  }
}
