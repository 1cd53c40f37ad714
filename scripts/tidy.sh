#!/bin/sh
# Runs clang-tidy, with the checks .clang-tidy names, on every .cpp file of parser/, lineage/ and
# src/ (and so on the project's headers they include); any finding fails. Needs a configured
# build for its compile_commands.json: $BUILD_DIR (default build/, as scripts/build.sh makes it).
# Give file paths as arguments to check only those.
set -eu
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
if [ ! -f "$BUILD_DIR/compile_commands.json" ]; then
  echo "error: no $BUILD_DIR/compile_commands.json; run scripts/build.sh first" >&2
  exit 1
fi
if [ "$#" -gt 0 ]; then
  files=$*
else
  files=$(find parser lineage src -name '*.cpp' | LC_ALL=C sort)
fi
# One clang-tidy per file, as many at once as there are cores; any finding is an error. The
# build's GCC-only warning flags are unknown to clang: not a finding.
# shellcheck disable=SC2086
if ! printf '%s\n' $files | xargs -P "$(nproc)" -n 1 clang-tidy -p "$BUILD_DIR" --quiet \
  --warnings-as-errors='*' --extra-arg=-Wno-unknown-warning-option; then
  echo "error: clang-tidy found problems in the files above" >&2
  exit 1
fi
echo "clang-tidy: $(printf '%s\n' $files | wc -l) files clean"
