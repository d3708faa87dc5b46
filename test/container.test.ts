/**
 * Container files, checked without a Docker engine: the Dockerfile is linted with dockerfile-utils (the validator
 * behind the VS Code Docker extension; every rule raised to an error) and held to the deployment rules below
 * (multi-stage, non-root, pinned base, healthcheck, nothing written outside the state volume); compose.yaml
 * runs the gateway read-only, non-root, with a healthcheck, and PostgreSQL only under its profile; the config
 * baked into the image validates with the real CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate, ValidationSeverity, type ValidatorSettings } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli, ROOT } from './e2e/harness.js';

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const ALL_ERRORS: ValidatorSettings = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};

/** Instructions with continuation lines joined: `{ op, args, stage }`. */
function instructions(text: string): { op: string; args: string; stage: number }[] {
  const out: { op: string; args: string; stage: number }[] = [];
  let stage = -1;
  const joined = text.replace(/\\\n/g, ' ');
  for (const line of joined.split('\n')) {
    const m = /^\s*([A-Z]+)\s+(.*)$/.exec(line);
    if (!m || line.trim().startsWith('#')) continue;
    if (m[1] === 'FROM') stage++;
    out.push({ op: m[1]!, args: m[2]!.trim(), stage });
  }
  return out;
}

describe('Dockerfile', () => {
  it('the linter finds problems in a bad Dockerfile (it can fail)', () => {
    const bad = 'FROM node\nRUNN npm ci\nWORKDIR app\nCMD a\nCMD b\n';
    expect(validate(bad, ALL_ERRORS).map((d) => d.message)).toHaveLength(3);
  });

  it('passes dockerfile-utils with every rule as an error', () => {
    expect(
      validate(dockerfile, ALL_ERRORS).map((d) => `${d.range.start.line + 1}: ${String(d.message as string)}`),
    ).toEqual([]);
  });

  it('is multi-stage, pinned, non-root, with a healthcheck, an exec-form entrypoint and a state volume', () => {
    const ins = instructions(dockerfile);
    const froms = ins.filter((i) => i.op === 'FROM');
    expect(froms.length).toBeGreaterThanOrEqual(2);
    const base = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
    expect(base).toMatch(/^node:\d+\.\d+-[a-z]+-slim$/); // a minor version, never `latest`
    const last = froms.length - 1;
    const final = ins.filter((i) => i.stage === last);
    const user = final.filter((i) => i.op === 'USER').at(-1);
    expect(user?.args).toBeDefined();
    expect(['root', '0']).not.toContain(user!.args.split(':')[0]);
    expect(final.some((i) => i.op === 'HEALTHCHECK' && i.args.includes('PORTCULLIS_HEALTHCHECK_URL'))).toBe(true);
    expect(final.find((i) => i.op === 'ENV')?.args).toMatch(
      /PORTCULLIS_HEALTHCHECK_URL=http:\/\/127\.0\.0\.1:8080\/healthz/,
    );
    expect(final.find((i) => i.op === 'ENTRYPOINT')?.args).toMatch(/^\[/);
    expect(final.find((i) => i.op === 'VOLUME')?.args).toContain('/var/lib/portcullis');
    // The runtime stage copies built output from the build stage, never sources or dev dependencies.
    expect(final.some((i) => i.op === 'COPY' && /--from=build \S+\/dist /.test(i.args))).toBe(true);
    expect(final.some((i) => i.op === 'COPY' && /(^|\s)src\b/.test(i.args.replace(/\/src\//g, '')))).toBe(false);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
  });

  it('the build stage copies in every file `npm run build` reads (each tsconfig, the dashboard sources)', () => {
    const build = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { build: string } })
      .scripts.build;
    const inputs = [...build.matchAll(/(?:-p|--config)\s+(\S+)/g)].map((m) => m[1]!);
    expect(inputs.length).toBeGreaterThanOrEqual(3);
    const copied = instructions(dockerfile)
      .filter((i) => i.stage === 0 && i.op === 'COPY')
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    // A file is copied by name, or with its top-level directory; an extended tsconfig must be there too.
    const missing = inputs.filter((f) => !copied.includes(f) && !copied.includes(f.split('/')[0]!));
    expect(missing).toEqual([]);
    for (const f of inputs.filter((x) => x.startsWith('tsconfig')))
      for (const base of [...readFileSync(join(ROOT, f), 'utf8').matchAll(/"extends":\s*"\.\/(\S+?)"/g)])
        expect(copied).toContain(base[1]);
  });

  it('the image config validates, keeps state on the volume and listens on all container interfaces', () => {
    const file = join(ROOT, 'deploy', 'portcullis.yaml');
    const r = cli(['validate', '--config', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const c = parse(readFileSync(file, 'utf8')) as {
      dataDir: string;
      server: { host: string; allowedHosts: string[] };
    };
    expect(c.dataDir).toBe('/var/lib/portcullis');
    expect(c.server.host).toBe('0.0.0.0');
    expect(c.server.allowedHosts).toContain('127.0.0.1'); // the HEALTHCHECK's Host header
  });
});

describe('compose.yaml', () => {
  const compose = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8')) as {
    services: Record<string, Record<string, unknown>>;
  };

  it('runs the gateway read-only, unprivileged, loopback-published, with a healthcheck and a state volume', () => {
    const gw = compose.services.portcullis!;
    expect(gw.read_only).toBe(true);
    expect(gw.user).toBe('1000:1000');
    expect(gw.cap_drop).toEqual(['ALL']);
    expect(gw.security_opt).toContain('no-new-privileges:true');
    expect(gw.ports).toEqual(['127.0.0.1:8080:8080']);
    expect(gw.volumes).toEqual(
      expect.arrayContaining([expect.stringMatching(/^portcullis-data:\/var\/lib\/portcullis$/)]),
    );
    expect(JSON.stringify(gw.healthcheck)).toContain('/healthz');
    expect(gw.profiles).toBeUndefined();
  });

  it('starts PostgreSQL only under the "postgres" profile, with no default password', () => {
    const pg = compose.services.postgres!;
    expect(pg.profiles).toEqual(['postgres']);
    expect((pg.environment as Record<string, string>).POSTGRES_PASSWORD).toBe('${POSTGRES_PASSWORD:-}');
  });
});
