#!/bin/sh
# The README's test command: installs what is missing, builds, and runs the whole test suite.
# Same environment as scripts/build.sh; ctest's summary is the last thing printed.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
scripts/build.sh
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j"$(nproc)"
