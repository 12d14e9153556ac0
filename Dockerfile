# syntax=docker/dockerfile:1
# Clearance as a small image: Next.js standalone output on distroless Node.js, run as UID 10001,
# root filesystem read-only-ready (writes go to /tmp, /app/.next/cache and $CLEARANCE_DATA_DIR).
#   docker build -t clearance:0.1.0 .
# Pin the base images by digest in CI (FROM image:tag@sha256:...), as deploy/ pins this one.
ARG BUILD_IMAGE=node:22-bookworm-slim
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs22-debian12:nonroot

FROM ${BUILD_IMAGE} AS deps
WORKDIR /app
# better-sqlite3 compiles when no prebuilt binary matches the platform.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM ${BUILD_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN mkdir -p public && npx next build

FROM ${RUNTIME_IMAGE}
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    CLEARANCE_DATA_DIR=/data
# Files stay owned by root: the app user can read them, not change them.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/demo ./demo
USER 10001:10001
EXPOSE 3000
# Without sign-in configured (CLEARANCE_AUTH=oidc, see deploy/README.md) the server refuses to start on 0.0.0.0.
CMD ["server.js"]
