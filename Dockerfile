# Builds the single `prassi` binary; used by docker-compose.yml. `.dockerignore` keeps target/,
# .git, data/ and any local prassi.toml (secrets) out of the build context.
FROM rust:1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev pkg-config libssl-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p prassi-server

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 libssl3 ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/release/prassi /usr/local/bin/prassi
RUN useradd --system --home /data prassi && mkdir -p /data && chown prassi /data
USER prassi
ENV PRASSI_BIND=0.0.0.0:8080 \
    PRASSI_DATA_DIR=/data
EXPOSE 8080
# `prassi healthcheck` asks the server in this container for /healthz (no curl needed).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["prassi", "healthcheck"]
CMD ["prassi", "serve"]
