/**
 * A tool's words, split and stemmed once per classification and handed to the classifier's steps (classify.ts; speed,
 * docs/adr/0017 Decisions 40-42). Every tool gets an object of this one shape: the steps read the definition's and
 * source's words from it, not from objects whose shapes vary with the spec (OpenAPI operations with and without tags
 * or an operationId, MCP tools with and without a title or annotations).
 */
import type { ToolDefinition, ToolSource } from '../core/tool.js';
import { firstSentence } from './evidence.js';
import { literalSegments } from './http-action.js';
import { withoutProtocolParams } from './protocol-params.js';
import { withoutCallerKeys } from './caller-keys.js';
import { collectFields, type SchemaField } from './schema-fields.js';
import { concatWords, joinCompounds, splitIdentifier, splitWords, stem } from './tokens.js';

export interface ToolWords {
  isApi: boolean;
  /** What the tool's identifier is called in reasons: an OpenAPI operation's `operationId`, else its `name`. */
  idLabel: 'operationId' | 'name';
  /** The identifier's words (compounds joined). */
  idWords: string[];
  idStems: string[];
  /** An OpenAPI operation's literal path segments, each split into words (none for an MCP tool). */
  pathSegments: string[][];
  pathWords: string[];
  /** The description, cut at 1,500 characters, and its first 80 words. */
  description: string;
  descWords: string[];
  /** The description's first sentence, its first 40 words and the first 12 of them stemmed. */
  opening: string;
  openingWords: string[];
  openingStems: string[];
  /** The input fields that are evidence (the API's auth and transport parameters left out), and the top-level ones. */
  inputFields: SchemaField[];
  topFields: SchemaField[];
  /** The names of the input fields left out as the caller's own API key (caller-keys.ts; empty for most tools). */
  callerKeys: ReadonlySet<string>;
  /** The name's, path's and (OpenAPI) tags' words, stemmed: the nouns the classes and categories are read against. */
  nounStems: string[];
}

export function toolWords(tool: ToolDefinition, source: ToolSource): ToolWords {
  const isApi = source.kind === 'openapi';
  const idLabel = isApi && source.operationId ? 'operationId' : 'name';
  const idWords = joinCompounds(splitIdentifier(isApi && source.operationId ? source.operationId : tool.name));
  const pathSegments = isApi ? literalSegments(source.path) : [];
  // Signals sit in the opening of a description; long manuals are not scanned whole (speed).
  const description = (tool.description ?? '').slice(0, 1500);
  const descWords = splitWords(description, 80);
  // Computed once per tool (speed, ADR 0017): the description's first sentence and its words (a shorter cut of the
  // words is a prefix of these), the path's words, the stems and the top-level input fields many signals read.
  const opening = firstSentence(description);
  const openingWords = splitWords(opening, 40);
  const pathWords = concatWords(pathSegments);
  const idStems = idWords.map(stem);
  // The API's own auth and transport parameters (SigV4, Google's standard parameters) say nothing about the tool, nor
  // does the caller's own API key sent in a body field (caller-keys.ts).
  const keys = withoutCallerKeys(
    withoutProtocolParams(collectFields(tool.inputSchema), source).fields,
    description,
    isApi,
  );
  const inputFields = keys.fields;
  const topFields = inputFields.filter((f) => f.depth === 0);
  const allNounWords = [
    ...idWords,
    ...pathWords,
    ...(isApi ? concatWords((source.tags ?? []).map((t) => splitIdentifier(t))) : []),
  ];
  const stemmed = allNounWords.map(stem);
  const openingStems = openingWords.slice(0, 12).map(stem);
  return {
    isApi,
    idLabel,
    idWords,
    idStems,
    pathSegments,
    pathWords,
    description,
    descWords,
    opening,
    openingWords,
    openingStems,
    inputFields,
    topFields,
    callerKeys: keys.names,
    nounStems: stemmed,
  };
}
