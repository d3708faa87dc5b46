import { severityRank } from '../../risk/types.js';
import { evidence, plural, type CheckDef } from '../context.js';

const none = {
  status: 'not_applicable' as const,
  evidence: evidence('no tools in the catalog (no backend connected)'),
};

export const inventoryChecks: CheckDef[] = [
  {
    id: 'inventory.descriptions',
    area: 'inventory',
    title: 'Every tool has a description',
    weight: 1,
    inspected: ['catalog: tool definitions'],
    remediation:
      'Ask the backend owner to describe each tool (the description is what a model reads to choose it; an empty one invites misuse), or drop the tool with openapi.<name>.exclude.',
    run: ({ s }) => {
      if (s.tools.length === 0) return none;
      const missing = s.tools.filter((t) => !t.description || t.description.trim().length === 0).map((t) => t.name);
      return missing.length > 0
        ? {
            status: 'fail',
            evidence: evidence(
              `${plural(missing.length, 'tool')} of ${s.tools.length} without a description`,
              missing,
              { tools: s.tools.length, missing: missing.length },
            ),
          }
        : {
            status: 'pass',
            evidence: evidence(`all ${plural(s.tools.length, 'tool')} are described`, undefined, {
              tools: s.tools.length,
            }),
          };
    },
  },
  {
    id: 'inventory.owners',
    area: 'inventory',
    title: 'Every tool has an owner',
    weight: 1,
    inspected: ['config: owners', 'catalog: tool names'],
    remediation:
      'Name an owner for every tool in config `owners:` (tool-name glob → team), e.g. `billing_*: finance-platform@example.com`.',
    run: (ctx) => {
      const { s } = ctx;
      if (s.tools.length === 0) return none;
      const missing = s.tools.filter((t) => ctx.ownerOf(t.name) === undefined).map((t) => t.name);
      const counts = { tools: s.tools.length, unowned: missing.length, patterns: Object.keys(s.config.owners).length };
      if (missing.length === s.tools.length)
        return {
          status: 'fail',
          evidence: evidence(
            `no tool has an owner (${plural(counts.patterns, 'owners entry', 'owners entries')})`,
            missing,
            counts,
          ),
        };
      if (missing.length > 0)
        return {
          status: 'warn',
          evidence: evidence(
            `${plural(missing.length, 'tool')} of ${s.tools.length} without an owner`,
            missing,
            counts,
          ),
        };
      return {
        status: 'pass',
        evidence: evidence(`all ${plural(s.tools.length, 'tool')} have an owner`, undefined, counts),
      };
    },
  },
  {
    id: 'inventory.reviewed',
    area: 'inventory',
    title: 'Tool definitions are reviewed (pinned or accepted)',
    weight: 2,
    inspected: ['pin store: tool definition pins', 'catalog: tool definitions'],
    remediation:
      'Pin the reviewed definitions so a changed description or schema is quarantined until someone accepts it (`portcullis tools diff|accept`).',
    run: ({ s }) => {
      if (s.tools.length === 0) return none;
      const pinned = s.tools.filter((t) => t.pin?.state === 'pinned');
      const unpinned = s.tools.filter((t) => t.pin === undefined).map((t) => t.name);
      const changed = s.tools.filter((t) => t.pin !== undefined && t.pin.state !== 'pinned');
      const counts = {
        tools: s.tools.length,
        pinned: pinned.length,
        changed: changed.length,
        unpinned: unpinned.length,
      };
      if (pinned.length === 0 && changed.length === 0)
        return {
          status: 'fail',
          evidence: evidence(
            `no tool definition is pinned: 0 of ${plural(s.tools.length, 'tool')} reviewed`,
            unpinned,
            counts,
          ),
        };
      if (changed.length > 0 || unpinned.length > 0)
        return {
          status: changed.length > 0 ? 'fail' : 'warn',
          evidence: evidence(
            `${pinned.length} of ${s.tools.length} definitions pinned; ${changed.length} changed since review, ${unpinned.length} never reviewed`,
            [
              ...changed.map((t) => `${t.name}: ${t.pin?.state}${t.pin?.reason ? ` (${t.pin.reason})` : ''}`),
              ...unpinned,
            ],
            counts,
          ),
        };
      return {
        status: 'pass',
        evidence: evidence(`all ${plural(s.tools.length, 'tool definition')} pinned as reviewed`, undefined, counts),
      };
    },
  },
  {
    id: 'inventory.poisoning',
    area: 'inventory',
    title: 'No open tool-poisoning findings',
    weight: 3,
    inspected: ['catalog: poisoning scan findings', 'config: risk.accept'],
    remediation:
      'Read each finding (`portcullis scan`); remove the instruction from the tool definition upstream, or accept it in risk.accept with a reason if it is a false positive.',
    run: ({ s }) => {
      if (s.tools.length === 0) return none;
      const open = s.tools.flatMap((t) =>
        t.accepted
          ? []
          : t.findings.filter((f) => severityRank[f.severity] >= severityRank.medium).map((f) => ({ t, f })),
      );
      const accepted = s.tools.filter((t) => t.accepted && t.findings.length > 0);
      const worst = Math.max(-1, ...open.map((o) => severityRank[o.f.severity]));
      const items = [
        ...open.map((o) => `${o.t.name}: ${o.f.severity} ${o.f.kind}${o.t.quarantined ? ' (quarantined)' : ''}`),
        ...accepted.map((t) => `${t.name}: accepted (${t.accepted})`),
      ];
      const counts = {
        tools: s.tools.length,
        open: open.length,
        accepted: accepted.length,
        quarantined: s.tools.filter((t) => t.quarantined).length,
      };
      if (worst >= severityRank.high)
        return {
          status: 'fail',
          evidence: evidence(`${plural(open.length, 'open finding')} of medium severity or worse`, items, counts),
        };
      if (open.length > 0)
        return {
          status: 'warn',
          evidence: evidence(`${plural(open.length, 'open medium-severity finding')}`, items, counts),
        };
      return {
        status: 'pass',
        evidence: evidence(
          `no open finding of medium severity or worse in ${plural(s.tools.length, 'tool')}${accepted.length ? `; ${accepted.length} accepted with a reason` : ''}`,
          items,
          counts,
        ),
      };
    },
  },
];
