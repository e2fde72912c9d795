# The app image: Node 24 (the current LTS; see `engines` in package.json), the locked dependencies,
# `npm start` (build the web page, ingest the corpus when it changed, index it into the external
# Meilisearch at MEILI_URL, serve on :3000).
# The engine runs in its own container (see docker-compose.yml), never inside this one.
FROM node:24-bookworm-slim

WORKDIR /app
RUN chown node:node /app
USER node

# Dependencies first, so a code change does not reinstall them. Plain `npm ci`: the web build
# needs esbuild (a dev dependency) and its platform binary (an optional one).
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY --chown=node:node . .
# Created here so a named volume mounted on it starts owned by `node`.
RUN mkdir -p /app/.data

ENV HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/.data
EXPOSE 3000

HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

CMD ["npm", "start"]
