#!/bin/sh
# `loc key` against `loc normalize -f nfkc_cf` on the same input: the UDHR
# NFC input of make-inputs.sh (every script of the corpus), and with
# --fold all. Target: key at least 0.5x the throughput of
# NFKC_Casefold alone.
#
#   bench/key.sh [-B BUILD] [-L LOC] [-s SIZE] [-n RUNS]
#
# -L LOC: the loc binary to measure (default BUILD/cli/loc). Whole processes,
# median of RUNS (default 5); CPU time too, steadier under load.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/common.sh"

loc_arg= build_arg= size=64M runs=5
while [ $# -gt 0 ]; do
  case $1 in
    -B|-L|-s|-n) [ $# -ge 2 ] || bench_die "$1 wants an argument" ;;
  esac
  case $1 in
    -B) build_arg=$2; shift 2 ;;
    -L) loc_arg=$2; shift 2 ;;
    -s) size=$2; shift 2 ;;
    -n) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) bench_die "unknown argument '$1' (try --help)" ;;
  esac
done
case $runs in ''|*[!0-9]*|0) bench_die "-n wants a positive count" ;; esac
bench_find_build "$build_arg"
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/loc-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

loc=${loc_arg:-$build/cli/loc}
[ -x "$loc" ] || bench_die "no $loc (meson compile -C $build)"
"$here/make-inputs.sh" -s "$size" >&2
file="$here/out/in-nfc-$size.txt"
bytes=$(wc -c < "$file")

row() { printf '%-36s %9s %9s %9s  %s\n' "$@"; }
echo "== timing, $runs runs each" >&2
bench_time "'$loc' normalize -f nfkc_cf < '$file' > /dev/null"
n_s=$median n_cpu=$cpu
bench_time "'$loc' key < '$file' > /dev/null"
k_s=$median k_cpu=$cpu
bench_time "'$loc' key --fold all < '$file' > /dev/null"
a_s=$median a_cpu=$cpu

echo
echo "loc key vs loc normalize -f nfkc_cf — $(uname -m), $(nproc) CPUs, load average $load at start, $runs runs each"
echo "median wall time; cpu = user+system; MB/s and ratios from wall time; MB = 10^6 bytes"
echo "input: bench/out/in-nfc-$size.txt ($bytes bytes)"
echo
row tool "median s" "cpu s" "MB/s" ""
row ---- -------- ----- ---- ""
row "loc normalize -f nfkc_cf" "$n_s" "$n_cpu" "$(bench_mbps "$bytes" "$n_s")" "baseline"
r=$(bench_ratio "$n_s" "$k_s")
row "loc key" "$k_s" "$k_cpu" "$(bench_mbps "$bytes" "$k_s")" \
  "${r}x (target >=0.50x: $(bench_verdict "$r" 0.5)); by cpu $(bench_ratio "$n_cpu" "$k_cpu")x"
r=$(bench_ratio "$n_s" "$a_s")
row "loc key --fold all" "$a_s" "$a_cpu" "$(bench_mbps "$bytes" "$a_s")" \
  "${r}x; by cpu $(bench_ratio "$n_cpu" "$a_cpu")x"
