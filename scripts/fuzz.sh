#!/bin/sh
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 60) seconds,
# starting from its regression inputs, as many at a time as there are cores. New crashers are
# written to tests/fuzz/regressions/<name>/ so they can be kept. Skips with a message when clang
# is absent. Exit status: non-zero when any target found a crash.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
if ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz: clang++ not found, skipping (apt-get install clang libclang-rt-14-dev)"
  exit 0
fi
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Checked \
  -DATHENA_FUZZ=ON -DATHENA_BUILD_BENCH=OFF -DATHENA_BUILD_TESTS=ON >/dev/null
names=""
for src in tests/fuzz/*_fuzz.cpp; do
  [ -e "$src" ] || continue
  names="$names $(basename "$src" .cpp)"
done
if [ -z "$names" ]; then
  echo "fuzz: no targets yet"
  exit 0
fi
targets=""
for name in $names; do targets="$targets --target $name"; done
# shellcheck disable=SC2086
cmake --build build-fuzz -j"$(nproc)" $targets

# Runs one target; its output goes to build-fuzz/<name>.log and is printed when it ends.
run_one() {
  name=$1
  short=${name%_fuzz}
  mkdir -p "tests/fuzz/regressions/$short" "build-fuzz/corpus/$short"
  status=0
  build-fuzz/tests/fuzz/"$name" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -artifact_prefix="tests/fuzz/regressions/$short/" \
    "build-fuzz/corpus/$short" "tests/fuzz/regressions/$short" >"build-fuzz/$name.log" 2>&1 ||
    status=$?
  echo "fuzz: $name for ${seconds}s: exit $status"
  tail -n 5 "build-fuzz/$name.log"
  [ "$status" -eq 0 ] || { cat "build-fuzz/$name.log"; return 1; }
}

jobs=$(nproc)
failed=0
running=0
pids=""
for name in $names; do
  run_one "$name" &
  pids="$pids $!"
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    for pid in $pids; do wait "$pid" || failed=1; done
    pids=""
    running=0
  fi
done
for pid in $pids; do wait "$pid" || failed=1; done
exit "$failed"
