import { ConfigError } from '../config/errors.js';
import { loadConfigFile, type LoadedConfig } from '../config/load.js';
import { watchConfig } from '../config/watch.js';
import { createGateway, type Gateway } from '../gateway/gateway.js';
import { startHttpFront, type HttpFront } from '../front/http-server.js';
import { createHealthRoutes } from '../http/health.js';
import { createAdminApi } from '../http/admin-api.js';
import { openStore } from './context.js';

export interface Running {
  gw: Gateway;
  front: HttpFront;
  stop(): Promise<void>;
}

const log = (m: string) => process.stderr.write(`portcullis: ${m}\n`);

/** Boots a gateway from a loaded config: store, backends (in parallel), HTTP front door, hot reload. */
export async function runGateway(loaded: LoadedConfig, opts: { watch?: boolean } = {}): Promise<Running> {
  const store = openStore(loaded);
  const gw = createGateway(loaded, { store, log });
  await gw.start();
  for (const b of gw.backends()) {
    const s = b.status();
    log(`backend ${s.name} (${s.kind}): ${s.state}${s.state === 'ready' ? `, ${s.toolCount} tool(s)` : s.lastError ? ` - ${s.lastError}` : ''}`);
  }
  const health = createHealthRoutes(gw);
  const api = createAdminApi(gw);
  const front = await startHttpFront(gw, { routes: async (req, res, url) => health(req, res, url) || (await api(req, res, url)) });

  let reloading = Promise.resolve();
  const reload = (why: string) => {
    reloading = reloading.then(async () => {
      let next: LoadedConfig;
      try {
        next = loadConfigFile(loaded.file);
      } catch (e) {
        log(`config reload (${why}) rejected; keeping the running config:\n${e instanceof ConfigError ? e.message : String(e)}`);
        return;
      }
      const cur = gw.config().config.server;
      if (next.config.server.host !== cur.host || next.config.server.port !== cur.port) {
        log('config reload: server.host/port changes take effect after a restart');
      }
      const d = await gw.reload(next);
      log(`config reloaded (${why}): upstreams +${d.added.length} -${d.removed.length} ~${d.changed.length}`);
    });
  };
  const unwatch = opts.watch === false ? () => undefined : watchConfig(loaded.file, (why) => reload(why));

  return {
    gw,
    front,
    async stop() {
      unwatch();
      await reloading;
      await front.close();
      await gw.close();
      store.close();
    },
  };
}

/** Resolves on SIGINT/SIGTERM after a graceful stop. */
export function stopOnSignals(running: { stop(): Promise<void> }): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
