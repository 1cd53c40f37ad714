#!/bin/sh
# Times `athena-lineage analyze` on a generated history (default 1,000,000 queries over 30
# days, with its CloudTrail file) into a new database, and prints wall-clock seconds, user and
# system CPU seconds, peak RSS and the load average (wall times on a busy machine are
# inflated; on an idle one, a parallel run takes about max(CPU / cores, writer thread)).
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
  "$BIN" analyze --quiet --db "$WORK/bench.db" --schema "$HIST/schema.json" \
  "$HIST/history.jsonl" "$HIST/cloudtrail.json" >"$WORK/analyze.out"
load=$(cut -d' ' -f1-3 /proc/loadavg)
read -r wall user sys rss <"$WORK/time.txt"
awk -v q="$QUERIES" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v l="$load" 'BEGIN {
  printf "queries=%d wall_s=%.1f user_s=%.1f sys_s=%.1f cpu_s=%.1f peak_rss_mb=%.0f load=\"%s\"\n",
         q, w, u, s, u + s, r / 1024, l
}'
[ "${KEEP:-0}" = 1 ] && echo "kept in $WORK" >&2
exit 0
