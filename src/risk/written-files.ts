/**
 * A tool that answers with the path of a file it wrote ("output_path", "saved_path", "written_file" in its MCP output
 * schema) stored a new file, whatever verb its name leads with ("Pretty-print a JSON file", "Convert an image"): the
 * caller's file system changed. The input-side twin (an "output_path" the caller names) is in classify.ts.
 */
import type { JsonObject } from '../core/tool.js';
import { joinCompounds, splitIdentifier } from './tokens.js';

const writtenWords = new Set(['output', 'saved', 'written', 'result']);
const fileWords = new Set(['path', 'file', 'filepath', 'filename']);

/** The top-level output property that names a file the tool wrote, if any. */
export function writtenFileField(outputSchema: JsonObject | undefined): string | undefined {
  const props = outputSchema?.properties;
  if (props === null || typeof props !== 'object' || Array.isArray(props)) return undefined;
  for (const key of Object.keys(props)) {
    const words = joinCompounds(splitIdentifier(key));
    if (words.length === 2 && writtenWords.has(words[0]!) && fileWords.has(words[1]!)) return key;
  }
  return undefined;
}
