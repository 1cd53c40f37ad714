#!/bin/sh
# Times `athena-lineage analyze` on a generated history (default 1,000,000 queries over 30
# days, with its CloudTrail file) into a new database, and prints wall-clock seconds, user and
# system CPU seconds, peak RSS and the load average (wall times on a busy machine are
# inflated; on an idle one, a parallel run takes about max(CPU / cores, writer thread)), then
# where the CPU went: the CPU seconds of each stage from `analyze --stats`, with its share.
# The history and the database go to a temporary directory under /tmp, removed afterwards
# (about 3 GB of input and 1 GB of database at 1,000,000 queries); set KEEP=1 to keep them,
# or HISTORY_DIR to reuse a history generated earlier with the same parameters.
# Environment: BUILD_DIR (build), QUERIES (1000000), DAYS (30), SEED (2), HISTORY_DIR, KEEP.
set -eu
cd "$(dirname "$0")/.."
. bench/common.sh
BUILD_DIR=${BUILD_DIR:-build}
QUERIES=${QUERIES:-1000000}
DAYS=${DAYS:-30}
SEED=${SEED:-2}
BIN="$BUILD_DIR/athena-lineage"
GEN="$BUILD_DIR/athena-samplegen"
require analyze_1m_bench "$BIN" "$GEN"
if [ ! -x /usr/bin/time ]; then
  echo "analyze_1m_bench: /usr/bin/time not found (Debian package: time)" >&2
  exit 2
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/analyze-bench.XXXXXX")
if [ "${KEEP:-0}" != 1 ]; then
  trap 'rm -rf "$WORK"' EXIT INT TERM
fi
HIST=${HISTORY_DIR:-$WORK/history}
if [ ! -f "$HIST/history.jsonl" ]; then
  mkdir -p "$HIST"
  "$GEN" --seed "$SEED" --queries "$QUERIES" --days "$DAYS" --format jsonl --out "$HIST" >/dev/null
fi
/usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" \
  "$BIN" analyze --quiet --stats --db "$WORK/bench.db" --schema "$HIST/schema.json" \
  "$HIST/history.jsonl" "$HIST/cloudtrail.json" >"$WORK/analyze.out" 2>"$WORK/analyze.err"
load=$(cut -d' ' -f1-3 /proc/loadavg)
read -r wall user sys rss <"$WORK/time.txt"
awk -v q="$QUERIES" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v l="$load" 'BEGIN {
  printf "queries=%d wall_s=%.1f user_s=%.1f sys_s=%.1f cpu_s=%.1f peak_rss_mb=%.0f load=\"%s\"\n",
         q, w, u, s, u + s, r / 1024, l
}'
# The last stderr line is --stats' JSON: {"wall_seconds":W,"cpu_seconds":C,
# "first_batch_at_seconds":F,"stage_cpu_seconds":{"cloudtrail":S,...}}; F (when the database
# writer got its first analyzed batch, wall seconds from the start), then one line per stage,
# in pipeline order.
tail -n 1 "$WORK/analyze.err" | tr -d '{}"' | tr ',' '\n' | sed 's/^stage_cpu_seconds://' |
  awk -F: '$1 == "cpu_seconds" { total = $2 } $1 == "first_batch_at_seconds" { first = $2 }
  $1 != "wall_seconds" && $1 != "cpu_seconds" && $1 != "first_batch_at_seconds" {
    name[++n] = $1; cpu[n] = $2 }
  END { printf "  first batch stored at %.2f s wall\n", first
        for (i = 1; i <= n; i++)
          printf "  stage %-15s %7.2f s CPU %5.1f%%\n", name[i], cpu[i], (total > 0 ? 100 * cpu[i] / total : 0) }'
[ "${KEEP:-0}" = 1 ] && echo "kept in $WORK" >&2
exit 0
