/**
 * Warnings that need the OpenAPI documents themselves (read by `portcullis validate`, never fetched over the
 * network): an `auth:` entry naming a security scheme the spec lacks, and agent allow patterns that match no tool
 * of an OpenAPI backend.
 */
import { resolve } from 'node:path';
import picomatch from 'picomatch';
import type { PortcullisConfig } from '../../config/config.js';
import { didYouMean } from '../../config/suggest.js';
import type { Located } from '../../config/warnings.js';
import { importSpec } from './import-spec.js';

export async function openApiSpecWarnings(c: PortcullisConfig, baseDir: string): Promise<Located[]> {
  const out: Located[] = [];
  const toolsOf = new Map<string, string[]>();
  for (const [name, b] of Object.entries(c.openapi)) {
    if (/^https?:/i.test(b.spec)) continue;
    let spec;
    try {
      spec = await importSpec(resolve(baseDir, b.spec), {
        name,
        ...(b.include ? { include: b.include } : {}),
        ...(b.exclude ? { exclude: b.exclude } : {}),
      });
    } catch (e) {
      out.push({ path: ['openapi', name, 'spec'], message: `cannot read the spec: ${(e as Error).message}` });
      continue;
    }
    toolsOf.set(
      name,
      spec.tools.map((t) => t.localName), // served names: the importer prefixes them with the backend name
    );
    if (spec.tools.length === 0)
      out.push({ path: ['openapi', name], message: 'include/exclude leave no operation: this backend serves no tool' });
    const schemes = Object.keys(spec.securitySchemes);
    for (const [scheme, a] of Object.entries(b.auth ?? {})) {
      if (schemes.includes(scheme) || (a.in !== undefined && a.name !== undefined)) continue;
      const known = schemes.length > 0 ? `; the spec's schemes: ${schemes.join(', ')}` : '; the spec declares none';
      out.push({
        path: ['openapi', name, 'auth', scheme],
        message: `the spec has no security scheme "${scheme}"${didYouMean(scheme, schemes)}${known} (or set "in" and "name" to place the credential yourself)`,
      });
    }
  }
  for (const [agent, a] of Object.entries(c.agents)) {
    a.tools.allow.forEach((pattern, i) => {
      const head = pattern.split('_')[0] ?? '';
      const tools = toolsOf.get(head);
      if (!tools || tools.length === 0) return;
      const isMatch = picomatch(pattern, { dot: true });
      if (!tools.some((t) => isMatch(t))) {
        const near = didYouMean(pattern, tools);
        out.push({
          path: ['agents', agent, 'tools', 'allow', i],
          message: `"${pattern}" matches none of the ${tools.length} tool(s) of OpenAPI backend "${head}"${near}`,
        });
      }
    });
  }
  return out;
}
