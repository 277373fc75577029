# Builds the single `prassi` binary; used by docker-compose.yml.
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
EXPOSE 8080
CMD ["prassi", "serve"]
