#!/bin/sh
# The README's run command: installs what is missing, builds, and runs the main job on the
# committed sample history in samples/.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build/athena-lineage --version
