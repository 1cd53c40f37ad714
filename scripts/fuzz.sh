#!/bin/sh
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 60) seconds,
# starting from its regression inputs. New crashers are written to tests/fuzz/regressions/<name>/
# so they can be kept. Skips with a message when clang is absent.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
if ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz: clang++ not found, skipping (apt-get install clang libclang-rt-14-dev)"
  exit 0
fi
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DATHENA_FUZZ=ON -DATHENA_BUILD_BENCH=OFF -DATHENA_BUILD_TESTS=ON >/dev/null
found=0
for src in tests/fuzz/*_fuzz.cpp; do
  [ -e "$src" ] || continue
  found=1
  name=$(basename "$src" .cpp)
  short=${name%_fuzz}
  cmake --build build-fuzz -j"$(nproc)" --target "$name"
  mkdir -p "tests/fuzz/regressions/$short" "build-fuzz/corpus/$short"
  echo "fuzz: $name for ${seconds}s"
  build-fuzz/tests/fuzz/"$name" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -artifact_prefix="tests/fuzz/regressions/$short/" \
    "build-fuzz/corpus/$short" "tests/fuzz/regressions/$short"
done
[ "$found" = 1 ] || echo "fuzz: no targets yet"
