# Sourced by the benchmark scripts (after `cd` to the repository): shared helpers.

# require NAME EXE...: exits 2, naming the cmake targets to build, when an executable is
# missing (each target is named as its executable).
require() {
  name=$1
  shift
  for exe in "$@"; do
    if [ ! -x "$exe" ]; then
      targets=""
      for e in "$@"; do targets="$targets $(basename "$e")"; done
      echo "$name: $exe not found; build it with: cmake --build ${BUILD_DIR:-build} --target$targets" >&2
      exit 2
    fi
  done
}
