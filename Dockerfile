# syntax=docker/dockerfile:1
#
# xrm-graph API image.
#
# Base: node:20-bookworm-slim (Debian, glibc). Do NOT switch to alpine: @grafeo-db/js
# loads a prebuilt native addon that npm installs from a per-platform optional
# dependency (@grafeo-db/js-linux-x64-gnu, or -linux-arm64-gnu on arm64). Those are
# built against glibc; on musl (alpine) the addon is either absent or fails to load,
# and the embedded engine is unavailable.
#
#   docker build -t xrm-graph .
#   docker run -p 4000:4000 -e GRAPH_URL=neo4j://host:7687 -e NEO4J_PASSWORD=… xrm-graph

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: compile TypeScript to dist/ -------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app

COPY package.json package-lock.json ./
# No dependency needs its install script to build: TypeScript is plain JS, and the
# native addons used at run time come prebuilt in optional dependencies. Skipping the
# scripts also skips node-gyp builds of optional test-only addons (ssh2, cpu-features)
# that would fail here anyway (no compiler in the slim image).
RUN npm ci --ignore-scripts --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY src/ ./src/
RUN npm run build

# ---- runtime: production dependencies, compiled code, Cypher and schema files ----
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000

COPY package.json package-lock.json ./
# The last command fails the image build, not the first request, when the native
# addon for this platform is missing.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force \
 && node -e "require('@grafeo-db/js')"

COPY --from=build /app/dist/ ./dist/
# Read at run time: every named query (cypher/, resolved as <app>/cypher from
# dist/graph/) and the committed GraphQL schema (schema/schema.graphql).
COPY cypher/ ./cypher/
COPY schema/ ./schema/

# Default GRAPH_URL (unset) is the embedded engine at ./data/xrm: make it writable by
# the runtime user. Mount a volume at /app/data to keep it across containers.
RUN mkdir -p /app/data && chown node:node /app/data

USER node
EXPOSE 4000

# The slim image has no curl: ask node. Any non-2xx, refusal or 3 s stall is unhealthy.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz',{signal:AbortSignal.timeout(3000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# main.ts handles SIGTERM/SIGINT for a graceful stop; run node directly (no npm) so
# the signal reaches it.
CMD ["node", "dist/main.js"]
