# syntax=docker/dockerfile:1
# Clearance as a small image, built from the npm package itself: `npm pack` (the CLI bundled, the
# dashboard's Next.js standalone output), installed as a user would install it, on distroless
# Node.js, run as UID 10001, root filesystem read-only-ready (writes go to /tmp,
# /app/dist/server/.next/cache and $CLEARANCE_DATA_DIR).
#   docker build -t clearance:0.1.0 .
# Pin the base images by digest in CI (FROM image:tag@sha256:...), as deploy/ pins this one.
ARG BUILD_IMAGE=node:22-bookworm-slim
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs22-debian12:nonroot

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# better-sqlite3 (scan history) compiles when no prebuilt binary matches the platform.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
# prepack builds dist/ (scripts/package/build.mjs: next build with NEXT_OUTPUT=standalone, esbuild)
RUN mkdir -p public && npm pack --pack-destination /tmp \
 && npm install --global --prefix /opt/clearance --no-audit --no-fund /tmp/clearance-*.tgz

FROM ${RUNTIME_IMAGE}
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    CLEARANCE_ROOT=/app \
    CLEARANCE_DATA_DIR=/data
# Files stay owned by root: the app user can read them, not change them.
COPY --from=build /opt/clearance/lib/node_modules/clearance /app
USER 10001:10001
EXPOSE 3000
# The dashboard (what `clearance serve` runs); the CLI is /app/dist/cli/clearance.mjs.
# Without sign-in configured (CLEARANCE_AUTH=oidc, see deploy/README.md) the server refuses to start on 0.0.0.0.
CMD ["/app/dist/server/server.js"]
