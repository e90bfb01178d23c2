# Release image: build with the Rust toolchain, run on a slim Debian with only the binary.
# Compose (Postgres + Redis + SMTP) and hardening come with the scale-out work.
FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p agora

FROM debian:bookworm-slim
RUN useradd --system --home /var/lib/agora agora && mkdir -p /var/lib/agora && chown agora /var/lib/agora
COPY --from=build /src/target/release/agora /usr/local/bin/agora
USER agora
WORKDIR /var/lib/agora
ENV AGORA_BIND=0.0.0.0:8080 AGORA_DATA_DIR=/var/lib/agora/data
EXPOSE 8080
CMD ["agora"]
