# syntax=docker/dockerfile:1
# The prload container image for releases: the `prload` CLI on Node.js 20, run as uid 65532. Distributed load
# (issue 13) runs the load generator as pods of it. Multi-arch: the JavaScript is built and installed once on the
# build platform (no dependency has native code or an install script); only the last stage runs per architecture.
#
#   docker buildx build --platform linux/amd64,linux/arm64 --build-arg VERSION=0.1.0 \
#     --build-arg REVISION="$(git rev-parse HEAD)" -t ghcr.io/prload/prload:0.1.0 .
#
# A machine without a registry builds the same layout offline: scripts/prload-image.sh.
#
# Pinned by tag here; a release pins the digest as well (node:20-bookworm-slim@sha256:…), so a rebuild of the same
# commit gets the same base image.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM --platform=$BUILDPLATFORM ${NODE_IMAGE} AS pack
ENV NX_DAEMON=false NX_NO_CLOUD=true
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund \
 && npx nx run @prload/ci-runner:build --output-style=static \
 && mkdir /packs \
 && npm pack --workspaces --pack-destination /packs

# A prefix of its own rather than `npm install -g`: a global install nests each package's dependencies under it
# (199 MB of node_modules against 117 MB hoisted, measured with these tarballs). No @prload package may come from
# the registry, which publishes none of them: each must be one of the tarballs.
FROM --platform=$BUILDPLATFORM ${NODE_IMAGE} AS install
# hadolint ignore=SC2016
RUN --mount=type=bind,from=pack,source=/packs,target=/packs \
    --mount=type=cache,target=/root/.npm \
    npm install --omit=dev --ignore-scripts --no-audit --no-fund --prefix /opt/prload /packs/*.tgz \
 && node -e ' \
      const lock = require("/opt/prload/package-lock.json"); \
      const fetched = Object.entries(lock.packages) \
        .filter(([path, p]) => /(^|\/)node_modules\/@prload\//.test(path) && !String(p.resolved).startsWith("file:")); \
      if (fetched.length > 0) throw new Error(`not from the packed tarballs: ${fetched.map(([path]) => path)}`);' \
 && find /opt/prload/node_modules -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' \
      -o -name '*.js.map' -o -name '*.mjs.map' -o -name '*.cjs.map' -o -name '*.d.ts.map' \) -delete \
 && rm -rf /opt/prload/node_modules/@types

FROM ${NODE_IMAGE}
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="prload" \
      org.opencontainers.image.description="Pull-request load tests on an ephemeral Kubernetes cluster" \
      org.opencontainers.image.source="https://github.com/prload/prload" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
# npm, corepack and yarn are never run in the image: removed, a scanner has nothing of theirs to report.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack /opt/yarn-* \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /usr/local/bin/yarn /usr/local/bin/yarnpkg \
 && groupadd --gid 65532 nonroot \
 && useradd --uid 65532 --gid 65532 --create-home --home-dir /home/nonroot --shell /usr/sbin/nologin nonroot \
 && ln -s /opt/prload/node_modules/.bin/prload /usr/local/bin/prload
COPY --from=install /opt/prload /opt/prload
USER 65532:65532
WORKDIR /home/nonroot
ENTRYPOINT ["prload"]
