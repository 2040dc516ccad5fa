#!/bin/sh
# `loc idn confusables` and loc_confusable_lookup() against a 1 M-name index.
#
#   bench/idn-confusables.sh [-B BUILD] [-L LOC] [-N NAMES] [-n RUNS]
#
# -N NAMES  registered names from make-idn-names.sh (default 1000000); the
#           same names are then looked up (each finds at least itself)
# -n RUNS   runs per command; the median is reported (default 3)
# Prints the index's memory per name and build time, and lookups per second:
# in-process (lib_confusable, wall and CPU) and through the CLI (the time of
# a run that only builds the index is subtracted). Target: 500,000/s.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/common.sh"

loc_arg= build_arg= count=1000000 runs=3
while [ $# -gt 0 ]; do
  case $1 in
    -B|-L|-N|-n) [ $# -ge 2 ] || bench_die "$1 wants an argument" ;;
  esac
  case $1 in
    -B) build_arg=$2; shift 2 ;;
    -L) loc_arg=$2; shift 2 ;;
    -N) count=$2; shift 2 ;;
    -n) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) bench_die "unknown argument '$1' (try --help)" ;;
  esac
done
case $runs in ''|*[!0-9]*|0) bench_die "-n wants a positive count" ;; esac
bench_find_build "$build_arg"
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/loc-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

loc=${loc_arg:-$build/cli/loc}
lib="$build/bench/lib_confusable"
[ -x "$loc" ] || bench_die "no loc binary '$loc'"
[ -x "$lib" ] || bench_die "no $lib (meson compile -C $build)"
"$here/make-idn-names.sh" -n "$count" -L "$loc"
names="$here/out/idn-names-$count.txt"
n=$(wc -l < "$names")
echo "# loc idn confusables benchmark: $n registered names, $n lookups, $runs runs, load $load"

line=$("$lib" "$names" -r "$runs" "$names" 2> "$tmp/lib.err")
cat "$tmp/lib.err"
m=$(bench_field "$line" median_s)
c=$(bench_field "$line" cpu_s)
wall_rate=$(awk -v n="$n" -v s="$m" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
cpu_rate=$(awk -v n="$n" -v s="$c" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')

bench_time "'$loc' idn confusables --against '$names' < /dev/null > /dev/null" ||
  bench_die "loc idn confusables failed"
t_build=$median c_build=$cpu
bench_time "'$loc' idn confusables --against '$names' < '$names' > /dev/null || true" ||
  bench_die "loc idn confusables failed"
t_all=$median c_all=$cpu
cli_wall=$(awk -v n="$n" -v a="$t_all" -v b="$t_build" 'BEGIN { printf "%.0f", (a > b ? n / (a - b) : 0) }')
cli_cpu=-
case $c_all$c_build in *-*) ;; *)
  cli_cpu=$(awk -v n="$n" -v a="$c_all" -v b="$c_build" 'BEGIN { printf "%.0f", (a > b ? n / (a - b) : 0) }') ;;
esac

printf '\n%-52s %12s %12s\n' "lookups per second (median of $runs)" "by wall" "by cpu"
printf '%-52s %12s %12s\n' "lib_confusable: loc_confusable_lookup (in-process)" "$wall_rate" "$cpu_rate"
printf '%-52s %12s %12s\n' "loc idn confusables (CLI, minus index build)" "$cli_wall" "$cli_cpu"
printf '%-52s %12s %12s\n' "  CLI seconds: index only / index + lookups" "$t_build / $t_all" "$c_build / $c_all"
echo "target >= 500000 lookups/s: in-process cpu $(bench_verdict "$cpu_rate" 500000), wall $(bench_verdict "$wall_rate" 500000)"
