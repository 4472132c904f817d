# envcoop in one image: the web server (`envcoop serve`), the background worker
# (`envcoop worker`) and the commands (`envcoop backup`, `envcoop migrate`, ...).
#   docker build -t envcoop .        (or: podman build -t envcoop .)
# Debian packages come from scripts/system-packages.sh, Python packages from uv.lock (exact
# versions and hashes), exactly as `make setup` installs them on a developer's machine.
# Building needs Debian's and PyPI's package servers; the image needs no network to run.
# BASE: any Debian bookworm image (scripts/container-smoke builds one with debootstrap).
ARG BASE=debian:bookworm-slim
FROM ${BASE}

ENV DEBIAN_FRONTEND=noninteractive \
    LANG=C.UTF-8 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    ENVCOOP_VAR_DIR=/var/lib/envcoop \
    PATH=/app/.venv/bin:$PATH

WORKDIR /app

# Debian packages first (a layer kept while only the code changes). make runs the
# install; ca-certificates for PyPI at build time; system-packages.sh adds Python and
# everything envcoop needs (PostgreSQL's pg_dump for backups included).
COPY scripts/system-packages.sh scripts/find-python scripts/
RUN apt-get update -q \
    && apt-get install -y -q --no-install-recommends make ca-certificates \
    && scripts/system-packages.sh run \
    && rm -rf /var/lib/apt/lists/*

# Python packages from uv.lock, then envcoop itself and its compiled catalogues.
COPY Makefile pyproject.toml uv.lock README.md ./
COPY scripts scripts
COPY config config
COPY envcoop envcoop
# Behind a proxy that re-signs TLS, name its CA bundle for pip and uv at build time only
# (for example podman's --volume with --build-arg SSL_CERT_FILE=... PIP_CERT=...).
ARG SSL_CERT_FILE
ARG PIP_CERT
RUN make setup && rm -rf /root/.cache

# Runs as a user without rights on the code; its data (SQLite file, secret key, static
# files, stored documents) in /var/lib/envcoop, a volume.
RUN useradd --system --uid 10001 --home-dir /var/lib/envcoop --shell /usr/sbin/nologin envcoop \
    && mkdir -p /var/lib/envcoop \
    && chown envcoop:envcoop /var/lib/envcoop \
    && chmod 0700 /var/lib/envcoop
USER envcoop
VOLUME ["/var/lib/envcoop"]
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]

CMD ["envcoop", "serve", "--bind", "0.0.0.0:8000", "--migrate"]
