# Switchyard gateway image. docs/deployment.md explains building, running and the compose file.
#   docker build -t switchyard .
#   docker run --read-only -p 4000:4000 -v switchyard-data:/data -e OPENAI_API_KEY=sk-... switchyard
# The base must provide Node >= 22.18 (type stripping), npm and a POSIX shell, laid out like the
# official image; CI builds on a locally assembled one (scripts/container-smoke.sh).
ARG BASE_IMAGE=node:24-slim

FROM ${BASE_IMAGE} AS deps
WORKDIR /app
RUN node -e "const [a, b] = process.versions.node.split('.').map(Number); if (a < 22 || (a === 22 && b < 18)) { console.error('Switchyard needs Node >= 22.18 (type stripping); BASE_IMAGE has ' + process.version); process.exit(1); }"
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund --no-update-notifier --loglevel=error && rm -rf /root/.npm /tmp/*

FROM ${BASE_IMAGE}
ENV NODE_ENV=production \
    SWITCHYARD_DATA_DIR=/data \
    SWITCHYARD_HOST=0.0.0.0 \
    SWITCHYARD_LOG_FORMAT=json \
    NODE_COMPILE_CACHE=/data/.compile-cache
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY bin ./bin
COPY src ./src
COPY test/emulator ./test/emulator
RUN mkdir -p /data /etc/switchyard && chown 10001:10001 /data && chmod 0700 /data
USER 10001:10001
VOLUME ["/data"]
# A config mounted here as switchyard.yaml is used and hot-reloaded; without one, the built-in default.
WORKDIR /etc/switchyard
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/app/src/cli/main.ts"]
CMD ["start", "--production"]
