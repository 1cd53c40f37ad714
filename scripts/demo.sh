#!/bin/sh
# The README's run command: installs what is missing, builds the athena-lineage binary (only
# it: not the tests or benchmarks), and runs the main job on the committed sample history in
# samples/: analyze it into build/samples.db, then print the usage and lineage report.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD_TARGET=athena-lineage scripts/build.sh
rm -f build/samples.db build/samples.db-wal build/samples.db-shm
build/athena-lineage analyze --db build/samples.db --schema samples/schema.json \
  samples/history.json samples/cloudtrail.json
build/athena-lineage report --db build/samples.db --schema samples/schema.json --top 10
