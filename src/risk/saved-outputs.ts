/**
 * Files a tool saves where they are kept (thirty-second round; docs/risk.md, side effect).
 *
 * A tool named after a read (export, get, generate) that saves what it makes into a directory, a folder or a library
 * on disk changed the caller's file system, whatever its verb: a new file is kept there after the call (as
 * written-files.ts reads a returned `saved_path`, and classify.ts an output path the caller names). Two statements of
 * it that name no output field:
 * - the description says so: "saves it to a pre-configured local directory", "auto-save it to the local build
 *   library", "provide an absolute rootPath of workspace to save workflow files". Not a temporary file ("writes the
 *   full object to a temp file": scratch space, nothing kept), nor a negated save ("instead of saving it to disk").
 * - a generator is handed the project it works on: a tool whose verb is `generate` and which takes the root directory
 *   of the caller's project or workspace (`projectPath`: "Absolute path of current project root", `workspaceRoot`)
 *   generates into that project (a test plan, a requirements document, a configuration file). A generator that only
 *   returns what it made needs no project location; read as a change, fail closed. A chart, a password or a reply
 *   generated from given values is no such tool.
 */
import type { SchemaField } from './schema-fields.js';

const kept = String.raw`(?:director(?:y|ies)|folders?|library|disk|workspace)`;
/** "saves it to a pre-configured local directory", "auto-save it to the local build library". */
const savesInto = new RegExp(
  String.raw`\b(?:auto-?)?sav(?:e|es|ed|ing)(?: (?:it|them|this|the [\w-]+|[\w-]+ files?|files?|results?|output))? (?:in)?to (?:an?|the|your) (?:[\w-]+ ){0,3}?${kept}\b`,
  'i',
);
/** "to save workflow files": a purpose the tool states for a location it is given. */
const toSaveFiles = /\bto save (?:[\w-]+ ){0,2}files\b/i;
const scratch = /\b(?:temp|temporary|tmp|cache)\b/i;
const negated = /\b(?:instead of|without|rather than|not|never|no longer)(?:\s+\w+){0,2}\s*$/i;

/** Why the description says the tool saves what it makes where it is kept, if it does (module comment). */
export function savedOutputReason(description: string): string | undefined {
  const text = description.slice(0, 600);
  // Speed: every phrase holds "sav"; most descriptions have none.
  if (!/sav/i.test(text)) return undefined;
  const m = savesInto.exec(text) ?? toSaveFiles.exec(text);
  if (!m || scratch.test(m[0]) || negated.test(text.slice(Math.max(0, m.index - 30), m.index))) return undefined;
  return `description says '${m[0]}': a file kept after the call`;
}

const projectWords = new Set(['project', 'workspace']);
const locationWords = new Set(['root', 'path', 'dir', 'directory', 'folder']);
const projectRootProse =
  /\b(?:(?:project|workspace) root|root (?:path|directory|folder|dir) of (?:the |your |this |current )?(?:project|workspace))\b/i;

/** Why a generator handed the caller's project root writes into that project, if it is one (module comment). */
export function projectGeneratorReason(
  verb: string | undefined,
  topFields: readonly SchemaField[],
): string | undefined {
  if (verb !== 'generate') return undefined;
  const root = topFields.find(
    (f) =>
      f.type !== 'boolean' &&
      ((f.words.some((w) => projectWords.has(w)) && f.words.some((w) => locationWords.has(w))) ||
        projectRootProse.test(f.description.slice(0, 200))),
  );
  return root
    ? `verb 'generate' handed the project's root ('${root.name}'): what it generates is written into the project`
    : undefined;
}
