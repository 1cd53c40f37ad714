#!/bin/sh
# Fails when any C++ file differs from what clang-format makes of it.
set -eu
cd "$(dirname "$0")/.."
files=$(git ls-files '*.cpp' '*.h' '*.h.in' | grep -v '\.h\.in$' || true)
[ -z "$files" ] && exit 0
# shellcheck disable=SC2086
if ! clang-format --dry-run --Werror $files; then
  echo "error: files above are not clang-formatted; run: clang-format -i \$(git ls-files '*.cpp' '*.h')" >&2
  exit 1
fi
echo "clang-format: $(echo "$files" | wc -l) files clean"
