#!/bin/sh
# `loc script --summary` against the raw ICU loop (bench/script_raw) on the
# same input: the UDHR NFC input of make-inputs.sh, every script it has.
#
#   bench/script.sh [-B BUILD] [-L LOC] [-s SIZE] [-n RUNS]
#
# -L LOC: the loc binary to measure (default BUILD/cli/loc).
# Both are timed as whole processes (read the file, count, print), median of
# RUNS (default 5). Target: loc at least as fast as script_raw, although loc
# does more (Script_Extensions, Common/Inherited resolved from context).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/common.sh"

loc_arg= build_arg= size=128M runs=5
while [ $# -gt 0 ]; do
  case $1 in
    -B|-L|-s|-n) [ $# -ge 2 ] || bench_die "$1 wants an argument" ;;
  esac
  case $1 in
    -B) build_arg=$2; shift 2 ;;
    -L) loc_arg=$2; shift 2 ;;
    -s) size=$2; shift 2 ;;
    -n) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) bench_die "unknown argument '$1' (try --help)" ;;
  esac
done
case $runs in ''|*[!0-9]*|0) bench_die "-n wants a positive count" ;; esac
bench_find_build "$build_arg"
# The load before this script adds its own.
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/loc-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

loc=${loc_arg:-$build/cli/loc}
raw="$build/bench/script_raw"
[ -x "$raw" ] || bench_die "no $raw (meson compile -C $build)"
"$here/make-inputs.sh" -s "$size" >&2
file="$here/out/in-nfc-$size.txt"
bytes=$(wc -c < "$file")

loc_ok=
if [ -x "$loc" ] && printf 'abc\n' | "$loc" script --summary > /dev/null 2>&1; then
  loc_ok=1
else
  echo "note: $loc script --summary is missing or not working; its row is skipped" >&2
fi

row() { printf '%-34s %9s %9s %9s  %s\n' "$@"; }
echo "== timing, $runs runs each" >&2
bench_time "'$raw' -r 1 '$file' > /dev/null"
raw_s=$median raw_cpu=$cpu
raw_line=$("$raw" -r "$runs" "$file" | tail -n 1)
loc_s= loc_cpu=-
if [ -n "$loc_ok" ]; then
  bench_time "'$loc' script --summary < '$file' > /dev/null" && loc_s=$median loc_cpu=$cpu
fi

echo
echo "loc script --summary vs raw ICU — $(uname -m), $(nproc) CPUs, load average $load at start, $runs runs each"
echo "median wall time; cpu = user+system; MB/s and ratios from wall time; MB = 10^6 bytes"
echo "input: bench/out/in-nfc-$size.txt ($bytes bytes)"
echo
row tool "median s" "cpu s" "MB/s" ""
row ---- -------- ----- ---- ""
row "script_raw (whole process)" "$raw_s" "$raw_cpu" "$(bench_mbps "$bytes" "$raw_s")" "baseline"
row "script_raw (counting loop only)" "$(bench_secs "$(bench_field "$raw_line" median_s)")" "$(bench_secs "$(bench_field "$raw_line" cpu_s)")" "$(bench_field "$raw_line" mb_per_s)" "in-process, for reference"
if [ -n "$loc_s" ]; then
  r=$(bench_ratio "$raw_s" "$loc_s")
  row "loc script --summary" "$loc_s" "$loc_cpu" "$(bench_mbps "$bytes" "$loc_s")" \
    "loc is ${r}x as fast (target >=1.00x: $(bench_verdict "$r" 1)); by cpu $(bench_ratio "$raw_cpu" "$loc_cpu")x"
  echo
  echo "counts, loc script --summary (first lines):"
  "$loc" script --summary < "$file" | head -n 8 | sed 's/^/  /'
fi
echo
echo "counts, script_raw (uscript_getScript only, first lines):"
"$raw" -r 1 "$file" | sed -n '2,8p'
