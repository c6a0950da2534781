# Emporium: a multi-stage image on Debian 12.
#   docker build -t emporium .
#   docker run -p 8080:8080 -e EMPORIUM_DATABASE_URL=postgresql://... emporium
# Without EMPORIUM_DATABASE_URL the server starts its own PostgreSQL under
# /var/lib/emporium (mount a volume there to keep the data).

FROM debian:bookworm AS build
# The package list lives in scripts/deps.sh; copying it alone first keeps the
# package layer cached while the sources change.
COPY scripts/deps.sh /tmp/deps.sh
RUN bash /tmp/deps.sh compile
WORKDIR /src
COPY . .
# A throwaway stage gains nothing from a compiler cache.
RUN CCACHE_DISABLE=1 cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DEMPORIUM_TESTS=OFF \
 && CCACHE_DISABLE=1 cmake --build build -j"$(nproc)" \
 && strip build/emporium

FROM debian:bookworm-slim
COPY scripts/deps.sh /tmp/deps.sh
RUN bash /tmp/deps.sh runtime \
 && rm -rf /var/lib/apt/lists/* /tmp/deps.sh
# PostgreSQL refuses to run as root, and so does this image: the embedded
# database runs as the same unprivileged user as the server.
RUN useradd --system --user-group --home-dir /var/lib/emporium --no-create-home \
      --shell /usr/sbin/nologin emporium \
 && install -d -o emporium -g emporium -m 0700 /var/lib/emporium
COPY --from=build /src/build/emporium /usr/local/bin/emporium
# The defaults are compiled in; this copy is a template for `--config`.
COPY config/ /etc/emporium/
# Fails the image build if a shared library is missing from this stage.
RUN emporium --version

ENV EMPORIUM_LISTEN=0.0.0.0:8080 \
    EMPORIUM_DATA_DIR=/var/lib/emporium
USER emporium
WORKDIR /var/lib/emporium
VOLUME ["/var/lib/emporium"]
EXPOSE 8080
# The first start runs initdb, hence the generous start period.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
# tini forwards SIGTERM to the server and reaps the postmaster that pg_ctl
# hands over to PID 1.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["emporium", "serve"]
