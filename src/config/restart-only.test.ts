// Which restart-only settings a reload must name, and what it applies. Before, a gateway started with `--port` logged
// "server.host/port/tls changes take effect after a restart" on every reload though nothing changed (the file's port
// was compared with the command line's), and a `vault:` or `storage:` change was applied to the running config object
// without a word, although the provider and the store in use stay until a restart.
import { describe, expect, it } from 'vitest';
import type { LoadedConfig } from './load.js';
import { parseConfigText } from './load.js';
import { keepRestartOnly, restartOnlyChanges, withOverrides } from './restart-only.js';

const load = (text: string): LoadedConfig => ({
  file: '/etc/portcullis.yaml',
  baseDir: '/etc',
  config: parseConfigText(text, '/etc/portcullis.yaml', {}),
  dataDir: '/etc/.portcullis',
});
const base = 'server:\n  port: 8080\nagents:\n  bot: {}\n';

describe('restart-only settings on a reload', () => {
  it('a file unchanged but for what a reload applies names nothing, with --port/--host overriding the file', () => {
    const o = { port: 9999, host: 'localhost' };
    const running = withOverrides(load(base), o);
    expect(running.config.server).toMatchObject({ port: 9999, host: 'localhost' });
    const next = withOverrides(
      load('server:\n  port: 8080\n  requestTimeoutMs: 5000\nagents:\n  bot: {}\n  other: {}\n'),
      o,
    );
    expect(restartOnlyChanges(running, next)).toEqual([]);
    // Without the overrides on the reloaded file, its port and host would read as changes (the old behaviour).
    expect(restartOnlyChanges(running, load(base))).toEqual(['server.host', 'server.port']);
  });

  it('names each restart-only setting the file changed, by key, never by value', () => {
    const running = load(base);
    const next = load(
      'server:\n  port: 8081\n  tls: { cert: c.pem, key: k.pem }\nstorage: postgres://u:pw-Zq81@db/p\n' +
        'vault:\n  provider: env\naudit:\n  anchorPath: /var/anchor.jsonl\nagents:\n  bot: {}\n' +
        'limits:\n  store: { redis: { url: "redis://:pw-Zq81@cache:6379" } }\n',
    );
    const pending = restartOnlyChanges(running, { ...next, dataDir: '/srv/data' });
    expect(pending).toEqual([
      'server.port',
      'server.tls',
      'dataDir',
      'storage',
      'limits.store',
      'audit.anchorPath',
      'vault.provider',
    ]);
    expect(pending.join(' ')).not.toContain('pw-Zq81');
  });

  it('the applied config keeps the running values of restart-only settings and takes the rest', () => {
    const running = load(base);
    const next = {
      ...load(
        'server:\n  port: 8081\n  requestTimeoutMs: 5000\n  tls: { cert: c.pem, key: k.pem }\nstorage: postgres://db/p\n' +
          'vault:\n  provider: env\nagents:\n  bot: {}\n  other: {}\n' +
          'limits:\n  store: { redis: { url: "redis://cache" } }\n  rate: [{ name: r, limit: 5, per: minute }]\n',
      ),
      dataDir: '/srv/data',
    };
    const applied = keepRestartOnly(running, next);
    expect(applied.config.limits.store).toBe('memory');
    expect(applied.config.limits.rate.map((r) => r.name)).toEqual(['r']);
    expect(applied.config.server).toMatchObject({ port: 8080, requestTimeoutMs: 5000 });
    expect(applied.config.server.tls).toBeUndefined();
    expect(applied.config.storage).toEqual(running.config.storage);
    expect(applied.config.vault).toEqual(running.config.vault);
    expect(applied.dataDir).toBe('/etc/.portcullis');
    expect(Object.keys(applied.config.agents)).toEqual(['bot', 'other']);
    expect(restartOnlyChanges(running, applied)).toEqual([]);
  });
});
