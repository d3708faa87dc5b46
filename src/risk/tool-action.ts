/**
 * The governing action of an MCP tool (an OpenAPI operation's comes from http-action.ts): the verb of its name,
 * with the few bounded cases where the description lowers it (guidance only, a state noun after a lifecycle verb,
 * a verb-noun after other words when the description opens with a read), then the title, then the description;
 * nothing at all fails closed to a change.
 */
import type { ToolDefinition, ToolSource } from '../core/tool.js';
import { neverLowered } from './evidence.js';
import { httpAction, type Action } from './http-action.js';
import type { VerbClass } from './lexicon.js';
import type { SchemaField } from './schema-fields.js';
import { joinCompounds, splitIdentifier, stem } from './tokens.js';
import { governingVerb, proseVerb, severity, type VerbHit } from './verbs.js';

const guidanceOnly =
  /^\s*(the (mcp )?tool |this tool )?(provides|returns|gives|offers)\s+(\w+[- ]?){0,3}(guidance|instructions|documentation|guidelines|recommendations|best practices)\b/i;
/** Verb classes a "provides guidance" description may turn into a read (never running code or worse). */
const softClasses = new Set<VerbClass>(['create', 'update']);
const stateNouns = new Set([
  'status',
  'state',
  'history',
  'log',
  'info',
  'detail',
  'metric',
  'result',
  'summary',
  'progress',
  'output',
  'preview',
]);
/** Action verbs a following state noun may turn into a read ("restart_status"); never the never-lowered ones. */
const statefulClasses = new Set<VerbClass>(['trigger', 'lifecycle', 'scale']);

export function determineAction(
  tool: ToolDefinition,
  source: ToolSource,
  idWords: string[],
  idLabel: string,
  pathSegments: string[][],
  description: string,
  descWords: string[],
  inputFields: readonly SchemaField[],
): Action {
  if (source.kind === 'openapi') return httpAction(source, idWords, idLabel, pathSegments, description, inputFields);
  const nameHit = governingVerb(idWords);
  const fromName = (hit: VerbHit, label = idLabel): Action => ({
    cls: hit.cls,
    hit,
    reason: `verb '${hit.word}' in ${label}`,
  });
  const proseHit = proseVerb(joinCompounds(descWords));
  if (nameHit && guidanceOnly.test(tool.description ?? '') && softClasses.has(nameHit.cls))
    return {
      cls: 'read',
      hit: nameHit,
      lowered: true,
      reason: `description says it only provides guidance ('${nameHit.word}' in name)`,
    };
  if (
    nameHit &&
    stateNouns.has(stem(idWords[nameHit.index + 1] ?? '')) &&
    nameHit.index + 2 === idWords.length &&
    statefulClasses.has(nameHit.cls)
  )
    return {
      cls: 'read',
      hit: nameHit,
      lowered: true,
      reason: `'${nameHit.word} ${idWords[nameHit.index + 1] ?? ''}' in name names a state, not an action`,
    };
  if (
    nameHit?.ambiguous === true &&
    nameHit.index > 0 &&
    proseHit &&
    proseHit.cls !== nameHit.cls &&
    severity(proseHit.cls) > severity(nameHit.cls)
  )
    return {
      cls: proseHit.cls,
      hit: nameHit,
      reason: `verb '${proseHit.word}' in description ('${nameHit.word}' in name is also a noun)`,
    };
  // "browser_network_request", "console_messages": a verb-noun after other words is a noun when the
  // description opens with a read ("Returns full details…"); never for the never-lowered classes.
  if (
    nameHit?.ambiguous === true &&
    nameHit.index > 0 &&
    proseHit?.cls === 'read' &&
    proseHit.index === 0 &&
    !neverLowered.has(nameHit.cls)
  )
    return {
      cls: 'read',
      hit: nameHit,
      lowered: true,
      reason: `verb '${proseHit.word}' in description ('${nameHit.word}' in name is a noun)`,
    };
  if (nameHit) return fromName(nameHit);
  const titleHit = tool.title ? governingVerb(joinCompounds(splitIdentifier(tool.title))) : undefined;
  if (titleHit) return { cls: titleHit.cls, reason: `verb '${titleHit.word}' in title` };
  if (proseHit) return { cls: proseHit.cls, reason: `verb '${proseHit.word}' in description` };
  return { cls: 'update', reason: 'no verb recognised in name or description; assumed to change state' };
}
