#!/bin/sh
# `loc translit` against `uconv -x ID` (same ID) and any-ascii (npm, with
# node) on UDHR text in four scripts scaled up, same machine, one run.
#
#   bench/translit.sh [-B BUILD] [-L LOC] [-s "SIZES"] [-n RUNS] [-t ID] [-S "SCRIPTS"]
#
# -s SIZES   input sizes (default "10M"; the target's second size is 100M:
#            -s "10M 100M")
# -n RUNS    runs per command, median reported (default 3)
# -t ID      the transform for loc and uconv (default Any-Latin)
# -S SCRIPTS UDHR files to scale (default "hin amh rus mya": Devanagari,
#            Ethiopic, Cyrillic, Myanmar)
# Prints MB/s per tool (wall time), loc's speed-up over uconv (target >= 3)
# in wall time and in CPU time (steadier on a loaded machine) and, with
# two sizes or more, how much longer the largest size takes than the
# smallest against the ratio of their sizes (target: 100M <= 11 x 10M).
# Once per input, loc's output is compared with uconv's.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/common.sh"

loc_arg= build_arg= sizes=10M runs=3 id=Any-Latin scripts="hin amh rus mya"
while [ $# -gt 0 ]; do
  case $1 in
    -B|-L|-s|-n|-t|-S) [ $# -ge 2 ] || bench_die "$1 wants an argument" ;;
  esac
  case $1 in
    -B) build_arg=$2; shift 2 ;;
    -L) loc_arg=$2; shift 2 ;;
    -s) sizes=$2; shift 2 ;;
    -n) runs=$2; shift 2 ;;
    -t) id=$2; shift 2 ;;
    -S) scripts=$2; shift 2 ;;
    -h|--help) sed -n '2,19s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) bench_die "unknown argument '$1' (try --help)" ;;
  esac
done
case $runs in ''|*[!0-9]*|0) bench_die "-n wants a positive count" ;; esac
bench_find_build "$build_arg"
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/loc-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

loc=${loc_arg:-$build/cli/loc}
udhr=$root/corpora/cache/udhr/txt
anyascii=$(ls -d "$root"/corpora/cache/npm/any-ascii-*/package 2>/dev/null | tail -n 1)
[ -x "$loc" ] || bench_die "no loc at $loc"
[ -d "$udhr" ] || bench_die "no UDHR corpus at $udhr (run scripts/setup)"
have_uconv=; command -v uconv >/dev/null && have_uconv=1
have_node=; [ -n "$anyascii" ] && command -v node >/dev/null && have_node=1

bytes_of() { # 10M -> 10000000 (decimal, like the targets' MB/s)
  awk -v s="$1" 'BEGIN { n = s + 0; u = substr(s, length(s));
    if (u == "K") n *= 1e3; else if (u == "M") n *= 1e6; else if (u == "G") n *= 1e9;
    printf "%d", n }'
}

# Whole copies of the declaration up to SIZE, so every line is complete.
make_input() { # FILE SIZE OUT
  want=$(bytes_of "$2")
  one=$(wc -c < "$1")
  copies=$(( (want + one - 1) / one ))
  i=0
  : > "$3"
  # doubling keeps this fast for 100M
  cp "$1" "$tmp/block"
  n=1
  while [ $((n * 2)) -le "$copies" ]; do cat "$tmp/block" "$tmp/block" > "$tmp/block2"; mv "$tmp/block2" "$tmp/block"; n=$((n * 2)); done
  cat "$tmp/block" > "$3"
  while [ $n -lt "$copies" ]; do cat "$1" >> "$3"; n=$((n + 1)); done
}

echo "translit benchmark: -t $id, $runs runs each (median), load average $load at start"
printf '%-6s %6s %10s %10s %10s %8s %8s %9s  %s\n' input size loc-MB/s uconv-MB/s anyasc-MB/s vs-uconv vs-anyasc cpu-vs-uc "output vs uconv"
status=0
for s in $scripts; do
  first_t= first_b=
  for size in $sizes; do
    f=$tmp/$s-$size.txt
    make_input "$udhr/$s.txt" "$size" "$f"
    b=$(wc -c < "$f")
    bench_time "'$loc' translit -t '$id' '$f' > /dev/null"
    t_loc=$median c_loc=$cpu
    [ -n "$first_t" ] || { first_t=$t_loc; first_b=$b; first_c=$c_loc; }
    last_t=$t_loc last_b=$b last_c=$c_loc
    t_u=- t_a= same=- c_u=-
    if [ -n "$have_uconv" ]; then
      bench_time "uconv -x '$id' '$f' > /dev/null"
      t_u=$median c_u=$cpu
      "$loc" translit -t "$id" "$f" > "$tmp/loc.out"
      uconv -x "$id" "$f" > "$tmp/uconv.out"
      same=$(bench_same "$tmp/loc.out" "$tmp/uconv.out")
      rm -f "$tmp/loc.out" "$tmp/uconv.out"
    fi
    if [ -n "$have_node" ]; then
      bench_time "node '$here/any-ascii.mjs' '$anyascii' < '$f' > /dev/null"
      t_a=$median
    fi
    printf '%-6s %6s %10s %10s %10s %8s %8s %9s  %s\n' "$s" "$size" \
      "$(bench_mbps "$b" "$t_loc")" \
      "$([ "$t_u" = - ] && echo - || bench_mbps "$b" "$t_u")" \
      "$([ -z "$t_a" ] && echo - || bench_mbps "$b" "$t_a")" \
      "$([ "$t_u" = - ] && echo - || bench_ratio "$t_u" "$t_loc")" \
      "$([ -z "$t_a" ] && echo - || bench_ratio "$t_a" "$t_loc")" \
      "$([ "$c_u" = - ] || [ "$c_loc" = - ] && echo - || bench_ratio "$c_u" "$c_loc")" "$same"
    rm -f "$f"
  done
  if [ "$first_b" != "$last_b" ]; then
    echo "       $s: largest/smallest input $(bench_ratio "$last_b" "$first_b")x the bytes, $(bench_ratio "$last_t" "$first_t")x the time, $(bench_ratio "$last_c" "$first_c")x the CPU time"
  fi
done
exit $status
