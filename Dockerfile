# syntax=docker/dockerfile:1

# ---- build: install all dependencies, compile to dist/, then drop dev dependencies ----
FROM node:20-bookworm-slim AS build
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci

COPY . .
RUN npm run build \
 && npm prune --omit=dev

# ---- runtime -----------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
WORKDIR /app

ENV NODE_ENV=production PLENARY_DATA_DIR=/data

# Application files stay owned by root (read-only for the app); only /data is writable.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json

# /data holds the embedded database (when DATABASE_URL is unset) and mail .eml files (when
# SMTP_URL is unset). Create it owned by `node` so a fresh named volume inherits that owner.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data

EXPOSE 3000

# The slim image has no curl, so the check uses Node's built-in fetch. It fits roles that
# serve HTTP (all, api). A PLENARY_ROLE=worker container serves no HTTP: override or
# disable this check for it (docker-compose.yml does).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "dist/main.js"]
