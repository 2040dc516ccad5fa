#!/bin/sh
# loctext against PyICU, idna and unicodedata (bench/python/bench.py), on the
# pinned UDHR corpus and the IDN name list of the idn benchmark.
#
#   bench/python/run.sh [-B BUILD] [-N NAMES] [--quick] [--threads-only]
#
# -B BUILD  build directory with the loctext module (default build)
# -N NAMES  number of IDN names (default 100000; make-idn-names.sh makes them)
# --quick   a sample of the corpus and names; --threads-only  the thread rows only
# Needs Debian's python3-icu and python3-idna; runs /usr/bin/python3.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$root/build
count=100000
quick=
only=
while [ $# -gt 0 ]; do
  case $1 in
    -B) build=$2; shift 2 ;;
    -N) count=$2; shift 2 ;;
    --quick) quick=--quick; shift ;;
    --threads-only) only=--threads-only; shift ;;
    -h|--help) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
case $build in /*) ;; *) build=$root/$build ;; esac
[ -d "$build/python/loctext" ] || { echo "run.sh: no loctext module in $build/python (build with -Dpython=enabled)" >&2; exit 2; }
"$root/bench/make-idn-names.sh" -n "$count" -L "$build/cli/loc" >/dev/null
PYTHONPATH=$build/python exec /usr/bin/python3 "$here/bench.py" \
  "$root/corpora/cache/udhr/txt" "$root/bench/out/idn-names-$count.txt" $quick $only
