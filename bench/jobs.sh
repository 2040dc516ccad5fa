#!/bin/sh
# `loc ... --jobs 1` against `--jobs 2` on the same inputs, same run.
#
#   bench/jobs.sh [-B BUILD] [-L LOC] [-s SIZE] [-n RUNS] [-c "CASES"]
#
# -s SIZE   text input size for make-inputs.sh (default 100M); the IDN input
#           has about SIZE / 32 names (make-idn-names.sh)
# -n RUNS   runs per command; the median is reported (default 3)
# -c CASES  among: normalize idn translit detect script segment key check (default all)
# Cases: normalize -f nfc on NFD text (every character composed), idn
# to-ascii on domain names, script --json and segment --by word --json on
# NFC text. For each: wall time and CPU time (user + system) of -j 1 and
# -j 2, the wall speed-up (target >= 1.8 for CPU-bound commands on an idle
# 2-core machine), the CPU cost of threading (cpu -j 2 / cpu -j 1), and
# the same cost with both pinned to one core by taskset ("1core +%": the
# threads' own overhead, without two cores competing for caches). On a loaded machine wall speed-ups are depressed; the
# "cpu bound" column, 2 * cpu(-j 1) / cpu(-j 2), is what two otherwise idle
# cores would give if the work divides evenly. Outputs of -j 1 and -j 2 are
# compared once per case (exit 1 when they differ).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/common.sh"

loc_arg= build_arg= size=100M runs=3 cases="normalize idn translit detect script segment key check"
while [ $# -gt 0 ]; do
  case $1 in
    -B|-L|-s|-n|-c) [ $# -ge 2 ] || bench_die "$1 wants an argument" ;;
  esac
  case $1 in
    -B) build_arg=$2; shift 2 ;;
    -L) loc_arg=$2; shift 2 ;;
    -s) size=$2; shift 2 ;;
    -n) runs=$2; shift 2 ;;
    -c) cases=$2; shift 2 ;;
    -h|--help) sed -n '2,20s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) bench_die "unknown argument '$1' (try --help)" ;;
  esac
done
case $runs in ''|*[!0-9]*|0) bench_die "-n wants a positive count" ;; esac
bench_find_build "$build_arg"
loc=${loc_arg:-$build/cli/loc}
[ -x "$loc" ] || bench_die "no $loc"
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/loc-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

"$here/make-inputs.sh" -s "$size" >&2
nfc="$here/out/in-nfc-$size.txt"
nfd="$here/out/in-nfd-$size.txt"
bytes=$(wc -c <"$nfc")
names_n=$((bytes / 32))
case " $cases " in
  *" idn "*)
    "$here/make-idn-names.sh" -n "$names_n" -L "$loc" >&2
    names="$here/out/idn-names-$names_n.txt" ;;
esac
pin=
command -v taskset >/dev/null && pin=1

echo "loc --jobs 1 vs --jobs 2: $(nproc) cores, load average $load before the run, $runs runs, median"
printf '%-10s %8s %9s %9s %8s %8s %8s %7s %8s %9s\n' case MB "j1 MB/s" "j2 MB/s" speedup \
  "cpu j1" "cpu j2" "cpu +%" "cpu bnd" "1core +%"
status=0
for c in $cases; do
  case $c in
    normalize) in=$nfd args="normalize -f nfc" ;;
    idn) in=$names args="idn to-ascii" ;;
    script) in=$nfc args="script --json" ;;
    segment) in=$nfc args="segment --by word --json" ;;
    translit) in=$nfc args="translit -t Any-Latin" ;;
    detect) in=$nfc args="detect --json" ;;
    key) in=$nfc args="key" ;;
    check) in=$nfc args="check" ;;
    *) bench_die "unknown case '$c'" ;;
  esac
  b=$(wc -c <"$in")
  "$loc" $args -j 1 <"$in" >"$tmp/o1" 2>"$tmp/e1" || true
  "$loc" $args -j 2 <"$in" >"$tmp/o2" 2>"$tmp/e2" || true
  same=$(bench_same "$tmp/o1" "$tmp/o2")
  [ "$same" = identical ] && cmp -s "$tmp/e1" "$tmp/e2" || { echo "$c: -j 2 output DIFFERS" >&2; status=1; }
  rm -f "$tmp/o1" "$tmp/o2"
  bench_time "$loc $args -j 1 <'$in' >/dev/null 2>&1 || true"
  w1=$median c1=$cpu
  bench_time "$loc $args -j 2 <'$in' >/dev/null 2>&1 || true"
  w2=$median c2=$cpu
  wp=-
  if [ -n "$pin" ]; then
    bench_time "taskset -c 0 $loc $args -j 1 <'$in' >/dev/null 2>&1 || true"
    p1=$cpu
    bench_time "taskset -c 0 $loc $args -j 2 <'$in' >/dev/null 2>&1 || true"
    wp=$(awk -v a="$p1" -v b="$cpu" 'BEGIN { printf "%+.0f", (a > 0 ? (b / a - 1) * 100 : 0) }')
  fi
  over=$(awk -v a="$c1" -v b="$c2" 'BEGIN { printf "%+.0f", (a > 0 ? (b / a - 1) * 100 : 0) }')
  bound=$(awk -v a="$c1" -v b="$c2" 'BEGIN { printf "%.2f", (b > 0 ? 2 * a / b : 0) }')
  printf '%-10s %8.1f %9s %9s %8s %8s %8s %7s %8s %9s\n' "$c" "$(awk -v b="$b" 'BEGIN{print b/1e6}')" \
    "$(bench_mbps "$b" "$w1")" "$(bench_mbps "$b" "$w2")" "$(bench_ratio "$w1" "$w2")x" \
    "$c1" "$c2" "$over" "$(echo "$bound")x" "$wp"
done
echo "load average after: $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"
exit $status
