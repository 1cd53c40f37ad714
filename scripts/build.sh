#!/bin/sh
# Configures and builds into $BUILD_DIR (default build/); the binary is build/athena-lineage.
# Environment: BUILD_DIR, BUILD_TYPE (Release), ATHENA_WERROR (OFF; when unset, an existing
# build directory keeps its setting), CMAKE_ARGS (extra flags), BUILD_TARGET (one target, e.g.
# athena-lineage; default everything).
set -eu
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
# shellcheck disable=SC2086
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" \
  ${ATHENA_WERROR:+-DATHENA_WERROR="$ATHENA_WERROR"} ${CMAKE_ARGS:-}
cmake --build "$BUILD_DIR" -j"$(nproc)" ${BUILD_TARGET:+--target "$BUILD_TARGET"}
