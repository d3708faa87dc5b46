# syntax=docker/dockerfile:1
# Portcullis gateway image. Build: docker build -t portcullis .   Run: see compose.yaml and docs/deployment.md.
# Multi-stage: the build stage compiles TypeScript and the native SQLite module; the runtime stage holds only the
# built output and production dependencies, runs as the unprivileged "node" user (uid 1000) and writes nothing
# outside /var/lib/portcullis (state) and /tmp, so it runs with a read-only root filesystem.

ARG NODE_IMAGE=node:20.19-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# Toolchain for better-sqlite3 when no prebuilt binary matches the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied; the native module is built explicitly.
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json tsconfig.types.json ./
COPY src ./src
COPY web ./web
COPY schema ./schema
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORTCULLIS_CONFIG=/etc/portcullis/portcullis.yaml \
    PORTCULLIS_HEALTHCHECK_URL=http://127.0.0.1:8080/healthz
WORKDIR /app
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY --from=build /src/schema ./schema
COPY LICENSE README.md ./
COPY deploy/portcullis.yaml /etc/portcullis/portcullis.yaml
RUN mkdir -p /var/lib/portcullis \
 && chown node:node /var/lib/portcullis \
 && chmod 0700 /var/lib/portcullis
USER node
VOLUME ["/var/lib/portcullis"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(process.env.PORTCULLIS_HEALTHCHECK_URL).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/app/dist/cli/main.js"]
CMD ["serve"]
