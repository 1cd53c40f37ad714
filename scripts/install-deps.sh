#!/bin/sh
# Installs the Debian 12 packages athena-lineage needs, and only those that are missing.
#   scripts/install-deps.sh          build and run
#   scripts/install-deps.sh --test   also what the test suite uses (Python helpers, Chromium,
#                                    the AWS CLI, clang for the fuzzers, clang-format,
#                                    clang-tidy)
set -eu

packages="g++ cmake make pkg-config git ca-certificates
  libcurl4-openssl-dev libssl-dev libsimdjson-dev libboost-graph-dev libsqlite3-dev
  libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev zlib1g-dev libyaml-dev libgraphviz-dev
  libcpp-httplib-dev python3"
if [ "${1:-}" = "--test" ]; then
  packages="$packages python3-jsonschema python3-yaml awscli chromium clang libclang-rt-14-dev
    clang-format clang-tidy sqlite3 nodejs"
fi

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
# A tool already on PATH from elsewhere (pip's awscli, say) counts as present.
case "$missing" in *awscli*) command -v aws >/dev/null 2>&1 && missing=$(echo "$missing" | sed 's/ awscli//') ;; esac
case "$missing" in *python3-jsonschema*) python3 -c 'import jsonschema' 2>/dev/null && missing=$(echo "$missing" | sed 's/ python3-jsonschema//') ;; esac

if [ -n "$missing" ]; then
  echo "installing:$missing" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# The explorer's browser test drives Chromium with puppeteer-core from npm, installed from the
# lock file into tests/browser/node_modules (ignored by git). Debian packages npm apart from
# nodejs; NodeSource's nodejs bundles it.
if [ "${1:-}" = "--test" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm
  fi
  browser="$(cd "$(dirname "$0")/../tests/browser" && pwd)"
  if [ ! -d "$browser/node_modules/puppeteer-core" ]; then
    npm ci --prefix "$browser" --no-audit --no-fund --loglevel=error ||
      echo "npm ci failed: the explorer's browser test will be skipped" >&2
  fi
fi
