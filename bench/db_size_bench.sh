#!/bin/sh
# Bytes per query of the database, for `analyze` (facts, aggregates and texts) and for `pull`
# (the same plus every raw QueryExecution record, stored the way `pull` stores what it fetches:
# build/raw_store_bench puts the history's records through the pull state's code path, then
# the records are analyzed into the same file). Prints the file sizes and bytes per query and,
# with SQLite's dbstat (sqlite3 CLI), the largest tables and indexes.
# The history (default 1,000,000 queries over 30 days) and the databases go to a temporary
# directory under /tmp, removed afterwards; KEEP=1 keeps them, HISTORY_DIR reuses a history.
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
RAW="$BUILD_DIR/bench/raw_store_bench"
require db_size_bench "$BIN" "$GEN" "$RAW"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/db-size-bench.XXXXXX")
if [ "${KEEP:-0}" != 1 ]; then
  trap 'rm -rf "$WORK"' EXIT INT TERM
fi
HIST=${HISTORY_DIR:-$WORK/history}
if [ ! -f "$HIST/history.jsonl" ]; then
  mkdir -p "$HIST"
  "$GEN" --seed "$SEED" --queries "$QUERIES" --days "$DAYS" --format jsonl --out "$HIST" >/dev/null
fi
analyze() {
  "$BIN" analyze --quiet --db "$1" --schema "$HIST/schema.json" "$HIST/history.jsonl" \
    "$HIST/cloudtrail.json" >/dev/null
}
size() {
  total=0
  for f in "$1" "$1-wal"; do
    [ -f "$f" ] && total=$((total + $(wc -c <"$f")))
  done
  echo "$total"
}
analyze "$WORK/analyze.db"
"$RAW" "$WORK/pull.db" "$HIST/history.jsonl" >/dev/null
analyze "$WORK/pull.db"
a=$(size "$WORK/analyze.db")
p=$(size "$WORK/pull.db")
awk -v q="$QUERIES" -v a="$a" -v p="$p" 'BEGIN {
  printf "queries=%d analyze_bytes=%d analyze_bytes_per_query=%.0f pull_bytes=%d pull_bytes_per_query=%.0f\n",
         q, a, a / q, p, p / q
}'
if command -v sqlite3 >/dev/null 2>&1; then
  for db in analyze pull; do
    echo "largest in $db.db (bytes per query):"
    sqlite3 "$WORK/$db.db" "SELECT printf('  %-28s %7.1f', name, sum(pgsize) * 1.0 / $QUERIES) \
      FROM dbstat GROUP BY name ORDER BY sum(pgsize) DESC LIMIT 8" 2>/dev/null || true
  done
fi
[ "${KEEP:-0}" = 1 ] && echo "kept in $WORK" >&2
exit 0
