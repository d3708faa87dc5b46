import picomatch from 'picomatch';
import type { AgentConfig } from '../config/schema.js';

export type PermissionDecision =
  { allow: true; rule: string; reasons: string[] } | { allow: false; rule: string; reasons: string[] };

export interface AgentPermissions {
  /** Visible and callable are the same set at this stage: a tool an agent may not call is not listed. */
  check(tool: string): PermissionDecision;
  prompt(name: string): boolean;
  /** `server` is the upstream name, `uri` the resource URI (checked as `<server>:<uri>`). */
  resource(server: string, uri: string): boolean;
}

/**
 * Per-agent tool permissions compiled once at config load. Default deny; an explicit deny beats any allow.
 * Patterns are globs (picomatch, which compiles to linear-time-safe regexes for glob syntax).
 */
type Compiled = { pattern: string; test: (s: string) => boolean }[];
/** `bash` mode: `*` also crosses `/`, which is what a pattern over a URI needs. */
const compile = (patterns: string[], bash = false): Compiled =>
  patterns.map((p) => ({ pattern: p, test: picomatch(p, { dot: true, bash }) }));
const allowed = (allow: Compiled, deny: Compiled, s: string) =>
  !deny.some((p) => p.test(s)) && allow.some((p) => p.test(s));

export function compilePermissions(agent: string, cfg: AgentConfig): AgentPermissions {
  const allow = compile(cfg.tools.allow);
  const deny = compile(cfg.tools.deny);
  const promptAllow = compile(cfg.prompts.allow);
  const promptDeny = compile(cfg.prompts.deny);
  const resAllow = compile(cfg.resources.allow, true);
  const resDeny = compile(cfg.resources.deny, true);
  return {
    prompt: (name) => allowed(promptAllow, promptDeny, name),
    resource: (server, uri) => allowed(resAllow, resDeny, `${server}:${uri}`),
    check(tool) {
      const d = deny.find((p) => p.test(tool));
      if (d)
        return {
          allow: false,
          rule: `agents.${agent}.tools.deny`,
          reasons: [`tool matches deny pattern "${d.pattern}"`],
        };
      const a = allow.find((p) => p.test(tool));
      if (a)
        return {
          allow: true,
          rule: `agents.${agent}.tools.allow`,
          reasons: [`tool matches allow pattern "${a.pattern}"`],
        };
      return { allow: false, rule: 'default-deny', reasons: ['no allow pattern matches this tool'] };
    },
  };
}

export function compileAllPermissions(agents: Record<string, AgentConfig>): Map<string, AgentPermissions> {
  return new Map(Object.entries(agents).map(([name, cfg]) => [name, compilePermissions(name, cfg)]));
}
