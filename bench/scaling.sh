#!/bin/sh
# Every command on every hostile input generator, instruction counts at n,
# 2n and 4n under valgrind (the full version of the `scaling` test):
#
#   bench/scaling.sh [-B BUILD] [-m MAX]
#
# -B BUILD  the build folder (default: build beside the sources)
# -m MAX    the largest growth ratio allowed (default 2.45, that is n^1.3;
#           linear work gives 2.0, quadratic 4.0)
# Prints one line per pair (command, generator, n, instructions at n, ratio)
# and exits 1 when a pair is over MAX. Needs valgrind; takes a few minutes.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=$root/build max=2.45
while [ $# -gt 0 ]; do
  case $1 in
    -B) build=$2; shift 2 ;;
    -m) max=$2; shift 2 ;;
    -h|--help) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "bench/scaling.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
[ -x "$build/cli/loc" ] && [ -x "$build/tests/hostile_gen" ] ||
  { echo "bench/scaling.sh: build first: meson compile -C $build" >&2; exit 2; }
exec sh "$root/tests/scaling/scaling.sh" "$build/cli/loc" "$build/tests/hostile_gen" "$root" full "$max"
