#!/bin/sh
# Configures and builds into $BUILD_DIR (default build/); the binary is build/athena-lineage.
# Environment: BUILD_DIR, BUILD_TYPE (Release), ATHENA_WERROR (OFF), CMAKE_ARGS (extra flags).
set -eu
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
# shellcheck disable=SC2086
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" \
  -DATHENA_WERROR="${ATHENA_WERROR:-OFF}" ${CMAKE_ARGS:-}
cmake --build "$BUILD_DIR" -j"$(nproc)"
