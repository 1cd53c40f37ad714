#!/bin/sh
# Latency of `athena-lineage serve` under 50 concurrent clients on a generated history (default
# 1,000,000 queries over 30 days, analyzed as analyze_1m_bench.sh does): the busiest table's
# page and its depth-3 lineage, requested in turn over keep-alive connections by serve_load.
# Prints p50/p90/p99/max per request kind and the load average (latencies on a busy machine
# are inflated). The history and database go to a temporary directory under /tmp, removed
# afterwards; set KEEP=1 to keep them, or DB to reuse a database analyzed earlier.
# Environment: BUILD_DIR (build), QUERIES (1000000), DAYS (30), SEED (2), CLIENTS (50),
# REQUESTS (per client, 40), DB, KEEP.
set -eu
cd "$(dirname "$0")/.."
. bench/common.sh
BUILD_DIR=${BUILD_DIR:-build}
QUERIES=${QUERIES:-1000000}
DAYS=${DAYS:-30}
SEED=${SEED:-2}
CLIENTS=${CLIENTS:-50}
REQUESTS=${REQUESTS:-40}
BIN="$BUILD_DIR/athena-lineage"
GEN="$BUILD_DIR/athena-samplegen"
LOAD="$BUILD_DIR/bench/serve_load"
require serve_bench "$BIN" "$GEN" "$LOAD"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/serve-bench.XXXXXX")
SERVER=""
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT INT TERM
DB=${DB:-$WORK/bench.db}
if [ ! -f "$DB" ]; then
  "$GEN" --seed "$SEED" --queries "$QUERIES" --days "$DAYS" --format jsonl --out "$WORK/history" >/dev/null
  "$BIN" analyze --quiet --db "$DB" --schema "$WORK/history/schema.json" \
    "$WORK/history/history.jsonl" "$WORK/history/cloudtrail.json" >/dev/null
  rm -rf "$WORK/history"
fi
"$BIN" serve --db "$DB" --port 0 2>"$WORK/serve.err" &
SERVER=$!
port=""
for _ in $(seq 1 600); do
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$WORK/serve.err")
  [ -n "$port" ] && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/serve.err" >&2; exit 2; }
  sleep 0.1
done
[ -n "$port" ] || { echo "serve_bench: the server did not start" >&2; exit 2; }
# The busiest table (most queries), as the explorer's first page would list it.
table=$(python3 - "$port" <<'PY'
import json, sys, urllib.request
with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/api/tables?sort=queries&limit=1") as r:
    print(json.load(r)["tables"][0]["name"])
PY
)
page="/api/tables/$table"
lineage="/api/lineage/$table?direction=both&depth=3"
# One warm-up pass (page cache, prepared statements), then the measured run.
"$LOAD" --port "$port" --clients 2 --requests 2 "$page" "$lineage" >/dev/null
echo "table=$table queries=$QUERIES clients=$CLIENTS load=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
"$LOAD" --port "$port" --clients "$CLIENTS" --requests "$REQUESTS" "$page" "$lineage"
echo "load_after=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
[ "${KEEP:-0}" = 1 ] && echo "kept in $WORK" >&2
exit 0
