#!/bin/sh
# Whole-process speed of the commands as users run them, next to sqlglot's parser measured in
# the same run: `parse --stats` on 16 MiB and `lineage --default-schema tpch` on 8 MiB of the
# TPC workload (every TPC-H and TPC-DS statement of the shared corpus, repeated into one file).
# Each figure is the best of RUNS runs; MB/s is 10^6 bytes per second of wall time, and per
# second of CPU time (perf's task-clock where perf works, else user+system from time(1)): the
# fairer figure on a loaded machine. sqlglot (Debian package python3-sqlglot) parses one copy
# of the corpus in-process, dialect trino; it is skipped with a message when absent. Prints one
# line per measurement and the ratios.
# Environment: BUILD_DIR (build), ATHENA_SHARED_DIR (../shared), RUNS (3), PARSE_MB (16),
# LINEAGE_MB (8), PYTHON (a Python with sqlglot; else python3, then /usr/bin/python3).
set -eu
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
SHARED=${ATHENA_SHARED_DIR:-../shared}
RUNS=${RUNS:-3}
PARSE_MB=${PARSE_MB:-16}
LINEAGE_MB=${LINEAGE_MB:-8}
BIN="$BUILD_DIR/athena-lineage"
if [ ! -x "$BIN" ]; then
  echo "command_bench: $BIN not found; build it with: cmake --build $BUILD_DIR --target athena-lineage" >&2
  exit 2
fi
if [ ! -d "$SHARED/corpus/tpch" ] || [ ! -d "$SHARED/corpus/tpcds" ]; then
  echo "command_bench: $SHARED/corpus is absent (set ATHENA_SHARED_DIR)" >&2
  exit 2
fi
if [ ! -x /usr/bin/time ]; then
  echo "command_bench: /usr/bin/time not found (Debian package: time)" >&2
  exit 2
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/command-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

# The corpus once (each statement ending with ";\n"), then repeated to the sizes wanted.
python3 - "$SHARED/corpus" "$WORK" "$PARSE_MB" "$LINEAGE_MB" <<'PY'
import os, sys
corpus, work, parse_mb, lineage_mb = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
parts = []
for sub in ("tpcds", "tpch"):
    d = os.path.join(corpus, sub)
    for name in sorted(os.listdir(d)):
        if name.endswith(".sql"):
            text = open(os.path.join(d, name), encoding="utf-8").read().strip()
            parts.append(text.rstrip(";").rstrip() + ";\n")
once = "".join(parts)
open(os.path.join(work, "once.sql"), "w", encoding="utf-8").write(once)
for name, mb in (("parse.sql", parse_mb), ("lineage.sql", lineage_mb)):
    copies = -(-(mb << 20) // len(once.encode()))
    open(os.path.join(work, name), "w", encoding="utf-8").write(once * copies)
PY

# CPU time from perf's task-clock where perf works (time(1)'s user+sys count in 10 ms ticks).
PERF=""
if command -v perf >/dev/null 2>&1 && perf stat -e task-clock -o /dev/null true >/dev/null 2>&1; then
  PERF=perf
fi

# best_of NAME FILE CMD...: runs CMD RUNS times on FILE, prints the best wall and CPU MB/s.
best_of() {
  name=$1
  file=$2
  shift 2
  bytes=$(wc -c <"$file")
  i=0
  : >"$WORK/times.txt"
  while [ "$i" -lt "$RUNS" ]; do
    if [ -n "$PERF" ]; then
      /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" \
        perf stat -x, -e task-clock -o "$WORK/perf.txt" "$@" "$file" >/dev/null 2>"$WORK/stderr.txt" || true
      cpu=$(awk -F, '$3 ~ /^task-clock/ { printf "%.4f", $1 / 1000 }' "$WORK/perf.txt")
    else
      /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" "$file" >/dev/null 2>"$WORK/stderr.txt" || true
      cpu=""
    fi
    # time(1) starts its file with a note when the command exits non-zero: the last line counts.
    tail -n 1 "$WORK/time.txt" | awk -v c="$cpu" '{ if (c != "") { $2 = c; $3 = 0 } print }' >>"$WORK/times.txt"
    i=$((i + 1))
  done
  awk -v n="$name" -v b="$bytes" '
    { w = $1; c = $2 + $3; if (NR == 1 || w < bw) bw = w; if (NR == 1 || c < bc) bc = c
      if (NR == 1 || $4 > rss) rss = $4 }
    END { printf "%s bytes=%d wall_s=%.3f cpu_s=%.3f wall_mb_s=%.2f cpu_mb_s=%.2f peak_rss_mb=%.0f\n",
                 n, b, bw, bc, b / bw / 1e6, b / bc / 1e6, rss / 1024 }' "$WORK/times.txt"
}

best_of parse "$WORK/parse.sql" "$BIN" parse --stats | tee "$WORK/results.txt"
best_of lineage "$WORK/lineage.sql" "$BIN" lineage --default-schema tpch | tee -a "$WORK/results.txt"

# Debian's python3-sqlglot lands in the system Python, which may not be the first on PATH.
SQLGLOT_PY=""
for py in ${PYTHON:-} python3 /usr/bin/python3; do
  if "$py" -c 'import sqlglot' 2>/dev/null; then
    SQLGLOT_PY=$py
    break
  fi
done
if [ -n "$SQLGLOT_PY" ]; then
  "$SQLGLOT_PY" - "$WORK/once.sql" "$RUNS" <<'PY' | tee -a "$WORK/results.txt"
import sys, time
import sqlglot
text = open(sys.argv[1], encoding="utf-8").read()
size = len(text.encode())
best_wall = best_cpu = None
for _ in range(int(sys.argv[2])):
    w0, c0 = time.perf_counter(), time.process_time()
    sqlglot.parse(text, read="trino")
    w, c = time.perf_counter() - w0, time.process_time() - c0
    best_wall = w if best_wall is None else min(best_wall, w)
    best_cpu = c if best_cpu is None else min(best_cpu, c)
print("sqlglot_parse bytes=%d wall_s=%.3f cpu_s=%.3f wall_mb_s=%.2f cpu_mb_s=%.2f version=%s"
      % (size, best_wall, best_cpu, size / best_wall / 1e6, size / best_cpu / 1e6,
         sqlglot.__version__))
PY
  awk '
    { for (i = 2; i <= NF; ++i) { split($i, kv, "="); v[$1, kv[1]] = kv[2] } }
    END {
      for (k = 1; k <= 2; ++k) {
        n = k == 1 ? "parse" : "lineage"
        printf "%s_vs_sqlglot_parse wall_ratio=%.1f cpu_ratio=%.1f\n", n,
               v[n, "wall_mb_s"] / v["sqlglot_parse", "wall_mb_s"],
               v[n, "cpu_mb_s"] / v["sqlglot_parse", "cpu_mb_s"]
      }
    }' "$WORK/results.txt"
else
  echo "command_bench: sqlglot is not installed (Debian package python3-sqlglot); no ratios" >&2
fi
echo "load=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
