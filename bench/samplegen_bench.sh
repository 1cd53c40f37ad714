#!/bin/sh
# Times athena-samplegen on a large history (default 1,000,000 queries over 30 days) and prints
# wall-clock seconds, output size and queries per second. The output goes to a temporary
# directory that is removed afterwards (about 4 GB at 1,000,000 queries).
# Environment: BUILD_DIR (build), QUERIES (1000000), DAYS (30), SEED (42), FORMAT (both).
set -eu
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
QUERIES=${QUERIES:-1000000}
DAYS=${DAYS:-30}
SEED=${SEED:-42}
FORMAT=${FORMAT:-both}
GEN="$BUILD_DIR/athena-samplegen"
if [ ! -x "$GEN" ]; then
  echo "samplegen_bench: $GEN not found; build it with: cmake --build $BUILD_DIR --target athena-samplegen" >&2
  exit 2
fi
OUT=$(mktemp -d "${TMPDIR:-/tmp}/samplegen-bench.XXXXXX")
trap 'rm -rf "$OUT"' EXIT INT TERM
start=$(date +%s.%N)
"$GEN" --seed "$SEED" --queries "$QUERIES" --days "$DAYS" --format "$FORMAT" --out "$OUT"
end=$(date +%s.%N)
bytes=$(du -sb "$OUT" | cut -f1)
awk -v s="$start" -v e="$end" -v q="$QUERIES" -v b="$bytes" 'BEGIN {
  t = e - s
  printf "queries=%d seconds=%.1f queries_per_second=%.0f output_bytes=%.0f\n", q, t, q / t, b
}'
