/**
 * A GET that acts (eighteenth round): an operation whose path ends its resource with a parameter that picks the
 * action (`GET /pods/{podId}/{action}`, "Allowed actions are reboot, shutdown, boot") does what the caller names,
 * whatever its method. The actions it takes are read from the parameter's enum and description and from the tool's
 * description; the most consequential non-read verb among them is the operation's action. The parameter names are
 * the ones RPC-style HTTP APIs use for it (action, command, operation, op, cmd).
 */
import { neverLowered } from './evidence.js';
import type { SchemaField } from './schema-fields.js';
import { joinCompounds, splitWords } from './tokens.js';
import { allVerbs, type VerbHit } from './verbs.js';

const actionParamNames: ReadonlySet<string> = new Set(['action', 'command', 'operation', 'op', 'cmd']);

/** The acting verb a path parameter of `path` takes, if that parameter picks the action. */
export function pathActionVerb(
  path: string,
  description: string,
  inputFields: readonly SchemaField[],
): { hit: VerbHit; param: string } | undefined {
  for (const m of path.matchAll(/\{([^}]{1,60})\}/g)) {
    const param = m[1] ?? '';
    if (!actionParamNames.has(param.toLowerCase())) continue;
    const field = inputFields.find((f) => f.depth === 0 && f.name === param);
    const text = [...(field?.enumValues ?? []), field?.description ?? '', description.slice(0, 600)].join(' . ');
    const hits = allVerbs(joinCompounds(splitWords(text, 120))).filter((h) => h.cls !== 'read' && !h.ambiguous);
    const hit = hits.find((h) => neverLowered.has(h.cls)) ?? hits[0];
    if (hit) return { hit, param };
  }
  return undefined;
}
