/**
 * Writing or editing a local file in place destroys what it held (docs/risk.md: destructive is a change that cannot
 * be undone; the labels README's judgement call: overwrites with no history are destructive, git-backed ones are
 * not). An MCP tool whose name writes or edits (`write_file`, `edit_block`, `safe_edit`), whose object is a file
 * (the name says file or block, or it names no object and a path field does), and which takes the new content (a
 * content, text or edits field) replaces the file's bytes: the old content is gone unless something keeps history.
 *
 * Not this:
 * - a file kept with its history: a commit message, branch or repository field, or a description that says commit,
 *   revision or version history (a Git or Drive file);
 * - a remote record named by an id (`fileId`), since no local path is written;
 * - a tool whose description says it creates only (refuses or fails when the file exists, never overwrites);
 * - a write whose object is something else (`write_pdf` writes a new PDF);
 * - OpenAPI operations: an HTTP API's files are the API's records, classified by method and path.
 */
import type { SchemaField } from './schema-fields.js';
import { stem } from './tokens.js';

const writeVerbs = new Set(['write', 'edit', 'overwrite', 'rewrite']);
const fileObjects = new Set(['file', 'block', 'line']);
/** Words that qualify the verb or its object and are no object themselves ("fast_edit_multiple_blocks"). */
const qualifiers = new Set([
  'multiple',
  'many',
  'bulk',
  'batch',
  'large',
  'safe',
  'smart',
  'precise',
  'direct',
  'fast',
]);
const pathFields = new Set(['path', 'filepath', 'file', 'filename', 'targetpath', 'targetfile', 'destinationpath']);
const contentFields = new Set([
  'content',
  'contents',
  'text',
  'newtext',
  'newcontent',
  'newstring',
  'edit',
  'replacement',
]);
const historyFields = new Set([
  'commitmessage',
  'commit',
  'branch',
  'ref',
  'repo',
  'repository',
  'repositoryid',
  'projectid',
  'gistid',
  'fileid',
]);
/** "git-style diff" describes an output format, not a history. */
const historyProse = /\b(commits?|committed|revisions?|version history)\b|\bgit\b(?![- ]style)/i;
const createOnlyProse =
  /\b((fails?|errors?|refuses?)( if| when)( the)?( file)?( already)? exists?|(does not|doesn't|never|will not|won't) overwrite)/i;

/** Why the tool overwrites a local file in place, if it does (see the module comment). */
export function localFileOverwriteReason(
  idWords: readonly string[],
  description: string,
  inputFields: readonly SchemaField[],
): string | undefined {
  const words = idWords.map(stem);
  const at = words.findIndex((w) => writeVerbs.has(w));
  if (at < 0) return undefined;
  const objects = words.slice(at + 1).filter((w) => !qualifiers.has(w));
  const top = inputFields.filter((f) => f.depth === 0);
  const path = top.find((f) => f.type !== 'boolean' && pathFields.has(f.joined));
  if (!path) return undefined;
  const object = objects.find((w) => fileObjects.has(w));
  if (objects.length > 0 ? object === undefined : !/\bfile\b/i.test(`${path.description} ${description}`))
    return undefined;
  const content = top.find((f) => contentFields.has(f.joined));
  if (!content) return undefined;
  const opening = description.slice(0, 400);
  if (top.some((f) => historyFields.has(f.joined)) || historyProse.test(opening) || createOnlyProse.test(opening))
    return undefined;
  return `verb '${words[at]}' on a local ${object ?? 'file'} ('${path.name}') with new '${content.name}': overwrites it in place, no history`;
}
