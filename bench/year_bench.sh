#!/bin/sh
# A year in the life of one database: generates 365 days of history (default 365,000 queries,
# about 1,000 a day), analyzes it day by day as a nightly job would (one `analyze` per day into
# the same file), and after each day prunes with a retention of 90 days (`prune --db F
# --keep-days 90`, with "today" the simulated day; skipped with a note when this build has no
# `prune`). Prints the file size every 30 days, the time of each `prune` (mean and max), and
# at the end the time of `report` and `graph`. CloudTrail is left out (users are unknown):
# reading a year's CloudTrail file again every day would dominate the run.
# Everything goes to a temporary directory under /tmp, removed afterwards (KEEP=1 keeps it).
# Environment: BUILD_DIR (build), QUERIES (365000), DAYS (365), KEEP_DAYS (90), SEED (2),
# GRAPH_TABLE (marts.fct_orders: the table `graph` is asked about), KEEP.
set -eu
cd "$(dirname "$0")/.."
. bench/common.sh
BUILD_DIR=${BUILD_DIR:-build}
QUERIES=${QUERIES:-365000}
DAYS=${DAYS:-365}
KEEP_DAYS=${KEEP_DAYS:-90}
SEED=${SEED:-2}
GRAPH_TABLE=${GRAPH_TABLE:-marts.fct_orders}
BIN="$BUILD_DIR/athena-lineage"
GEN="$BUILD_DIR/athena-samplegen"
require year_bench "$BIN" "$GEN"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/year-bench.XXXXXX")
if [ "${KEEP:-0}" != 1 ]; then
  trap 'rm -rf "$WORK"' EXIT INT TERM
fi
"$GEN" --seed "$SEED" --queries "$QUERIES" --days "$DAYS" --start-date 2025-01-01 \
  --format jsonl --out "$WORK/h" >/dev/null
# One file per UTC day of SubmissionDateTime (the history is in submission order).
mkdir "$WORK/days"
awk -v dir="$WORK/days" '{
  if (match($0, /"SubmissionDateTime":[0-9]+/)) {
    day = int(substr($0, RSTART + 21, RLENGTH - 21) / 86400)
    f = dir "/" day ".jsonl"
    if (f != last) { if (last != "") close(last); last = f }
    print >> f
  }
}' "$WORK/h/history.jsonl"
rm "$WORK/h/history.jsonl"
HAVE_PRUNE=0
if "$BIN" prune --help >/dev/null 2>&1; then HAVE_PRUNE=1; fi
[ "$HAVE_PRUNE" = 1 ] || echo "year_bench: this athena-lineage has no prune command: nothing is pruned" >&2
DB="$WORK/year.db"
now() { date +%s.%N; }
size() {
  total=0
  for f in "$DB" "$DB-wal"; do
    [ -f "$f" ] && total=$((total + $(wc -c <"$f")))
  done
  echo "$total"
}
n=0
prune_total=0
prune_max=0
analyze_total=0
for f in $(ls "$WORK/days" | sort -n); do
  n=$((n + 1))
  day=$(basename "$f" .jsonl)
  t0=$(now)
  "$BIN" analyze --quiet --db "$DB" --schema "$WORK/h/schema.json" "$WORK/days/$f" >/dev/null
  t1=$(now)
  analyze_total=$(echo "$analyze_total $t0 $t1" | awk '{ printf "%.3f", $1 + $3 - $2 }')
  if [ "$HAVE_PRUNE" = 1 ]; then
    today=$(date -u -d "@$(((day + 1) * 86400))" +%Y-%m-%d)
    rc=0
    ATHENA_LINEAGE_TODAY=$today "$BIN" prune --db "$DB" --keep-days "$KEEP_DAYS" \
      >"$WORK/prune.out" 2>&1 || rc=$?
    t2=$(now)
    if [ "$rc" -ge 2 ]; then
      cat "$WORK/prune.out" >&2
      exit 1
    fi
    p=$(echo "$t1 $t2" | awk '{ printf "%.3f", $2 - $1 }')
    prune_total=$(echo "$prune_total $p" | awk '{ printf "%.3f", $1 + $2 }')
    prune_max=$(echo "$prune_max $p" | awk '{ print ($2 > $1) ? $2 : $1 }')
  fi
  if [ $((n % 30)) = 0 ] || [ "$n" = 1 ]; then
    echo "day=$n file_bytes=$(size) queries_so_far~$((QUERIES * n / DAYS))"
  fi
done
echo "day=$n file_bytes=$(size)"
t0=$(now)
"$BIN" report --db "$DB" >/dev/null
t1=$(now)
"$BIN" graph --db "$DB" "$GRAPH_TABLE" >/dev/null
t2=$(now)
awk -v n="$n" -v a="$analyze_total" -v pt="$prune_total" -v pm="$prune_max" -v hp="$HAVE_PRUNE" \
  -v t0="$t0" -v t1="$t1" -v t2="$t2" -v l="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  printf "days=%d analyze_total_s=%.1f analyze_mean_s=%.2f", n, a, a / n
  if (hp == 1) printf " prune_mean_s=%.3f prune_max_s=%.3f", pt / n, pm
  printf " report_s=%.2f graph_s=%.2f load=\"%s\"\n", t1 - t0, t2 - t1, l
}'
[ "${KEEP:-0}" = 1 ] && echo "kept in $WORK" >&2
exit 0
