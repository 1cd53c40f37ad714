#!/bin/sh
# Times `athena-lineage push` of a generated history to the fake OpenMetadata server: lineage,
# query shapes, joins and usage of QUERIES generated queries (default 100,000 over 10 days),
# analyzed into a fresh database first (not timed). Prints the first push (everything sent)
# and a second one (nothing changed: only the table listing). The fake validates every body
# against ../shared/schemas/openmetadata, as in the tests.
# Environment: BUILD_DIR (build), QUERIES (100000), DAYS (10), SEED (2), SHARED (../shared),
# VALIDATE (1; 0 skips the fake's schema validation, which is most of its time per request).
set -eu
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
QUERIES=${QUERIES:-100000}
DAYS=${DAYS:-10}
SEED=${SEED:-2}
SHARED=${SHARED:-../shared}
VALIDATE=${VALIDATE:-1}
NO_VALIDATE=
if [ "$VALIDATE" = 0 ]; then NO_VALIDATE=--no-validate; fi
for bin in athena-samplegen athena-lineage; do
  if [ ! -x "$BUILD_DIR/$bin" ]; then
    echo "om_push_bench: $BUILD_DIR/$bin not found; build it with: cmake --build $BUILD_DIR --target $bin" >&2
    exit 2
  fi
done
OUT=$(mktemp -d "${TMPDIR:-/tmp}/om-push-bench.XXXXXX")
FAKE_PID=
cleanup() {
  if [ -n "$FAKE_PID" ]; then kill "$FAKE_PID" 2>/dev/null || true; fi
  rm -rf "$OUT"
}
trap cleanup EXIT INT TERM
"$BUILD_DIR/athena-samplegen" --seed "$SEED" --queries "$QUERIES" --days "$DAYS" \
  --start-date 2026-11-01 --format jsonl --out "$OUT" >/dev/null
"$BUILD_DIR/athena-lineage" analyze --quiet --db "$OUT/bench.db" --schema "$OUT/schema.json" \
  "$OUT/history.jsonl" "$OUT/cloudtrail.json" >/dev/null || [ $? -eq 1 ]
mkfifo "$OUT/port"
python3 -u tests/fakes/fake_openmetadata.py --port 0 --schema "$OUT/schema.json" \
  --schemas "$SHARED/schemas/openmetadata" --jwt bench-token --today 2026-11-20 $NO_VALIDATE >"$OUT/port" &
FAKE_PID=$!
read -r word port <"$OUT/port"
if [ "$word" != PORT ]; then
  echo "om_push_bench: the fake did not start: $word $port" >&2
  exit 2
fi
cat >"$OUT/config.yaml" <<EOF
source:
  type: athena-usage
  serviceName: athena_prod
  serviceConnection:
    config:
      type: Athena
      awsConfig:
        awsRegion: us-east-1
workflowConfig:
  openMetadataServerConfig:
    hostPort: http://127.0.0.1:$port/api
    authProvider: openmetadata
    securityConfig:
      jwtToken: bench-token
EOF
for run in first second; do
  start=$(date +%s.%N)
  TIME=
  if [ -x /usr/bin/time ]; then TIME="/usr/bin/time -f %U+%S -o $OUT/$run.cpu"; fi
  $TIME "$BUILD_DIR/athena-lineage" push --config "$OUT/config.yaml" --db "$OUT/bench.db" \
    --today 2026-11-20 --json >"$OUT/$run.json" || [ $? -eq 1 ]
  cpu=$(cat "$OUT/$run.cpu" 2>/dev/null || echo "?")
  end=$(date +%s.%N)
  python3 - "$OUT/$run.json" "$run" "$start" "$end" "$QUERIES" "$cpu" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
sent = sum(k["sent"] for k in s["requests"].values())
by_kind = " ".join("%s=%d" % (k, v["sent"]) for k, v in sorted(s["requests"].items()))
t = float(sys.argv[4]) - float(sys.argv[3])
print("%s push: queries=%s seconds=%.2f client_cpu=%s requests_sent=%d (%s) http_attempts=%d "
      "requests_per_second=%.0f" % (sys.argv[2], sys.argv[5], t, sys.argv[6], sent, by_kind,
                                    s["http_attempts"], s["http_attempts"] / t))
PY
done
