#!/usr/bin/env bash
# The Debian 12 packages Emporium needs, in one place, and an idempotent
# installer for them. Quick when everything is already there: one dpkg-query
# call, no apt-get at all.
#
#   scripts/deps.sh [compile|run|test|runtime]   install a set (default: run)
#   source scripts/deps.sh; emporium_deps test
#
# Sets:
#   compile  the toolchain and libraries to build Emporium (Docker build stage)
#   run      compile + the PostgreSQL server that `emporium serve` embeds
#   test     run + what the tests and the benchmark use
#   runtime  only the shared libraries and programs the Release binary needs
#            (the Docker image's final stage)

# Boost 1.81 is used header-only (Debian builds no boost_json/boost_url), so
# the headers and the CMake package of Boost.System are all we need rather
# than libboost1.81-all-dev and its MPI/Python dependencies. libhpdf-dev
# (libharu) draws the shipping labels as PDF.
EMPORIUM_COMPILE_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libboost-system1.81-dev
  libsoci-dev libpq-dev libssl-dev libsodium-dev libfmt-dev libcurl4-openssl-dev
  libhpdf-dev
)
# postgresql-15 already provides postgresql-contrib-15 in bookworm; util-linux
# brings runuser, with which a root process starts PostgreSQL as `postgres`.
EMPORIUM_RUN_PACKAGES=(
  "${EMPORIUM_COMPILE_PACKAGES[@]}"
  postgresql-15 util-linux
)
EMPORIUM_TEST_PACKAGES=(
  "${EMPORIUM_RUN_PACKAGES[@]}"
  doctest-dev python3 python3-aiosmtpd openssl curl wrk
  chromium
)
# Node.js and npm for the browser tests, from Debian unless a Node.js with
# its own npm is already there (NodeSource's nodejs bundles npm and
# conflicts with Debian's npm package).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  EMPORIUM_TEST_PACKAGES+=(nodejs npm)
fi
# tini reaps the postmaster that pg_ctl leaves behind when the server is
# PID 1 in a container; curl serves the image's HEALTHCHECK. SOCI is not
# here: the binary links it statically (see CMakeLists.txt).
EMPORIUM_RUNTIME_PACKAGES=(
  libpq5 libssl3 libsodium23 libfmt9 libcurl4 libhpdf-2.3.0
  postgresql-15 util-linux curl tini ca-certificates
)

# Prints the packages of "$@" that are not installed, one per line.
emporium_deps_missing() {
  local installed
  # dpkg-query fails for a package it has never heard of; that is "missing".
  installed=$( (dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "$@" 2>/dev/null || true) | awk '$2 == "ii" { print $1 }')
  local package
  for package in "$@"; do
    grep -qxF "$package" <<<"$installed" || printf '%s\n' "$package"
  done
}

# emporium_deps SET: installs what SET lacks. Returns 1 when something is
# missing and we are not root (after printing the command to run).
emporium_deps() {
  local set=${1:-run}
  local -a wanted
  case "$set" in
    compile) wanted=("${EMPORIUM_COMPILE_PACKAGES[@]}") ;;
    run) wanted=("${EMPORIUM_RUN_PACKAGES[@]}") ;;
    test) wanted=("${EMPORIUM_TEST_PACKAGES[@]}") ;;
    runtime) wanted=("${EMPORIUM_RUNTIME_PACKAGES[@]}") ;;
    *)
      echo "deps.sh: unknown package set '$set' (compile, run, test or runtime)" >&2
      return 2
      ;;
  esac

  local -a missing
  mapfile -t missing < <(emporium_deps_missing "${wanted[@]}")
  if ((${#missing[@]} == 0)); then
    return 0
  fi

  local install_command="apt-get install -y --no-install-recommends ${missing[*]}"
  if ((EUID != 0)); then
    echo "deps.sh: these Debian packages are missing: ${missing[*]}" >&2
    echo "deps.sh: install them as root, then run this again:" >&2
    echo "  sudo apt-get update && sudo $install_command" >&2
    return 1
  fi

  echo "deps.sh: installing ${missing[*]}" >&2
  # Emporium runs its own PostgreSQL under its data directory; the Debian
  # package's default cluster would only be a second, idle server.
  if [[ " ${missing[*]} " == *" postgresql-15 "* && ! -d /etc/postgresql/15 ]]; then
    mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/emporium.conf
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  emporium_deps "${1:-run}"
fi
