#!/bin/sh
# Runs clang-tidy, with the checks .clang-tidy names, on the files listed in .ci/tidy-files
# (the files kept clean); any finding fails. Needs a configured build for its
# compile_commands.json: $BUILD_DIR (default build/, as scripts/build.sh makes it).
set -eu
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
if [ ! -f "$BUILD_DIR/compile_commands.json" ]; then
  echo "error: no $BUILD_DIR/compile_commands.json; run scripts/build.sh first" >&2
  exit 1
fi
files=$(grep -v -e '^#' -e '^$' .ci/tidy-files)
# One clang-tidy per file, as many at once as there are cores; any finding is an error. The
# build's GCC-only warning flags are unknown to clang: not a finding.
# shellcheck disable=SC2086
if ! printf '%s\n' $files | xargs -P "$(nproc)" -n 1 clang-tidy -p "$BUILD_DIR" --quiet \
  --warnings-as-errors='*' --extra-arg=-Wno-unknown-warning-option; then
  echo "error: clang-tidy found problems in the files above (.ci/tidy-files keeps them clean)" >&2
  exit 1
fi
echo "clang-tidy: $(echo "$files" | wc -l) files clean"
