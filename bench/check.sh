#!/bin/sh
# `loc check` (all rules) against `loc normalize` (NFC) on the same input:
# the UDHR corpus (every declaration, as it is), repeated to SIZE.
#
#   bench/check.sh [-B BUILD] [-s COPIES] [-n RUNS] [-l TAG]
#
# -s COPIES how many times the 7 MB corpus is repeated (default 4)
# -n RUNS   runs per command; the median is reported (default 5)
# -l TAG    also time `loc check --lang TAG` (exemplar rules on)
# Target: check at least 1/8 of normalize's throughput.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/common.sh"

build_arg= copies=4 runs=5 lang=
while [ $# -gt 0 ]; do
  case $1 in
    -B|-s|-n|-l) [ $# -ge 2 ] || bench_die "$1 wants an argument" ;;
  esac
  case $1 in
    -B) build_arg=$2; shift 2 ;;
    -s) copies=$2; shift 2 ;;
    -n) runs=$2; shift 2 ;;
    -l) lang=$2; shift 2 ;;
    -h|--help) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) bench_die "unknown argument '$1' (try --help)" ;;
  esac
done
case $runs in ''|*[!0-9]*|0) bench_die "-n wants a positive count" ;; esac
case $copies in ''|*[!0-9]*|0) bench_die "-s wants a positive count" ;; esac
bench_find_build "$build_arg"
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/loc-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
loc=$build/cli/loc
[ -x "$loc" ] || bench_die "no $loc (meson compile -C $build)"
txt=$root/corpora/cache/udhr/txt
[ -d "$txt" ] || bench_die "no UDHR corpus in $txt (run scripts/setup)"

i=0
while [ $i -lt "$copies" ]; do cat "$txt"/*.txt; i=$((i + 1)); done > "$tmp/in.txt"
bytes=$(wc -c < "$tmp/in.txt")
echo "input: UDHR corpus x$copies, $bytes bytes; $runs runs each; load average $load"

bench_time "'$loc' normalize '$tmp/in.txt' > /dev/null" || bench_die "loc normalize failed"
norm=$median norm_cpu=$cpu
# exit status 1 (error-level findings) is a normal result here
bench_time "'$loc' check '$tmp/in.txt' > /dev/null; [ \$? -le 1 ]" || bench_die "loc check failed"
check=$median check_cpu=$cpu
printf '%-28s %8ss %8s MB/s  cpu %ss\n' "loc normalize" "$norm" "$(bench_mbps "$bytes" "$norm")" "$norm_cpu"
printf '%-28s %8ss %8s MB/s  cpu %ss\n' "loc check (all rules)" "$check" "$(bench_mbps "$bytes" "$check")" "$check_cpu"
if [ -n "$lang" ]; then
  bench_time "'$loc' check --lang '$lang' '$tmp/in.txt' > /dev/null; [ \$? -le 1 ]" ||
    bench_die "loc check --lang failed"
  printf '%-28s %8ss %8s MB/s  cpu %ss\n' "loc check --lang $lang" "$median" \
    "$(bench_mbps "$bytes" "$median")" "$cpu"
fi
ratio=$(bench_ratio "$norm" "$check")
echo "check / normalize throughput: $ratio (target >= 0.125: $(bench_verdict "$ratio" 0.125))"
