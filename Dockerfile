# secscan in a container: `docker build -t secscan .`, then
#   docker run --rm --network none -v "$PWD:/src:ro" -v "$PWD/out:/out" secscan sast /src -o /out/gl-sast-report.json
# The same image is the default image of the Docker runner (SECSCAN_RUNNER=docker): it has
# semgrep, bandit and secscan (for pyflow) on its PATH.
#
# BASE_IMAGE: any Debian-like image with Python 3.11+ and its venv module (python3-venv).
# PIP_INSTALL_OPTIONS: extra pip options, e.g. an offline build from a wheelhouse in the
# build context: --build-arg PIP_INSTALL_OPTIONS="--no-index --find-links=/tmp/secscan-src/wheelhouse"
ARG BASE_IMAGE=python:3.11-slim-bookworm
FROM ${BASE_IMAGE}

ARG PIP_INSTALL_OPTIONS=""
ARG SECSCAN_EXTRAS="docker"

COPY . /tmp/secscan-src
RUN python3 -m venv /opt/secscan \
 && /opt/secscan/bin/pip install --no-cache-dir --disable-pip-version-check ${PIP_INSTALL_OPTIONS} \
      "/tmp/secscan-src[${SECSCAN_EXTRAS}]" \
 && rm -rf /tmp/secscan-src \
 && groupadd --gid 10001 secscan \
 && useradd --uid 10001 --gid secscan --no-create-home --home-dir /tmp --shell /usr/sbin/nologin secscan

# HOME in /tmp: scanners keep settings and logs there (semgrep's ~/.semgrep), so the image also
# runs with a read-only root file system (docker run --read-only --tmpfs /tmp ...)
ENV PATH="/opt/secscan/bin:${PATH}" \
    HOME=/tmp \
    LANG=C.UTF-8 \
    SEMGREP_SEND_METRICS=off \
    SEMGREP_ENABLE_VERSION_CHECK=0
USER secscan
WORKDIR /src
ENTRYPOINT ["secscan"]
CMD ["--help"]
