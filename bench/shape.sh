#!/bin/sh
# `loc shape` against `hb-shape` (libharfbuzz-bin) on 5,000 lines of
# Devanagari and of Arabic from the UDHR corpus, same font, same output
# (checked byte for byte once per input), and `loc shape --runs` (bidi and
# script itemisation first) against plain `loc shape`, and the layout
# engine (bench/lib_layout) against shaping alone.
#
#   bench/shape.sh [-B BUILD] [-L LOC] [-n RUNS] [-N LINES]
#
# -L LOC    the loc binary to measure (default BUILD/cli/loc)
# -n RUNS   runs per command; the median is reported (default 5)
# -N LINES  lines per input (default 5000)
# Target: loc shape at least 0.9x hb-shape's speed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/common.sh"

loc_arg= build_arg= runs=5 nlines=5000
while [ $# -gt 0 ]; do
  case $1 in
    -B|-L|-n|-N) [ $# -ge 2 ] || bench_die "$1 wants an argument" ;;
  esac
  case $1 in
    -B) build_arg=$2; shift 2 ;;
    -L) loc_arg=$2; shift 2 ;;
    -n) runs=$2; shift 2 ;;
    -N) nlines=$2; shift 2 ;;
    -h|--help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) bench_die "unknown argument '$1' (try --help)" ;;
  esac
done
bench_find_build "$build_arg"
loc=${loc_arg:-$build/cli/loc}
command -v hb-shape >/dev/null || bench_die "hb-shape is not installed (libharfbuzz-bin)"
udhr=$root/corpora/cache/udhr/txt
[ -d "$udhr" ] || bench_die "no UDHR corpus in $udhr (run scripts/setup)"
noto=/usr/share/fonts/truetype/noto
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C.UTF-8; export LC_ALL

# NAME FONT DECLARATIONS...: the non-empty lines of the declarations, repeated
# up to $nlines lines.
make_input() {
  name=$1 font=$2; shift 2
  for d in "$@"; do awk 'NF' "$udhr/$d.txt"; done > "$tmp/$name.one"
  : > "$tmp/$name.txt"
  while [ "$(wc -l < "$tmp/$name.txt")" -lt "$nlines" ]; do cat "$tmp/$name.one" >> "$tmp/$name.txt"; done
  head -n "$nlines" "$tmp/$name.txt" > "$tmp/$name.in"
}

echo "loc shape vs hb-shape, $nlines lines, CPU time (user+sys: hyperfine's mean, else the median) of $runs runs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %9s %9s %9s %7s %6s  %s\n' input bytes hb-shape "loc" ratio target "loc --runs (x loc)"
for spec in "deva:$noto/NotoSansDevanagari-Regular.ttf:hin mar nep" \
            "arab:$noto/NotoNaskhArabic-Regular.ttf:arb urd pes_1"; do
  name=${spec%%:*} rest=${spec#*:}
  font=${rest%%:*} decls=${rest#*:}
  [ -f "$font" ] || { echo "$name: $font not installed, skipped"; continue; }
  # shellcheck disable=SC2086
  make_input "$name" "$font" $decls
  hb-shape --font-file="$font" < "$tmp/$name.in" > "$tmp/hb.out"
  "$loc" shape --font "$font" < "$tmp/$name.in" > "$tmp/loc.out"
  cmp -s "$tmp/hb.out" "$tmp/loc.out" || bench_die "$name: loc shape output differs from hb-shape"
  # CPU time (user + system) when it can be had: steadier than wall time
  # on a shared machine
  bench_time "hb-shape --font-file='$font' < '$tmp/$name.in' > /dev/null"; hb=$cpu
  [ "$hb" != - ] || hb=$median
  bench_time "'$loc' shape --font '$font' < '$tmp/$name.in' > /dev/null"; lc=$cpu
  [ "$lc" != - ] || lc=$median
  bench_time "'$loc' shape --runs --font '$font' < '$tmp/$name.in' > /dev/null"; lr=$cpu
  [ "$lr" != - ] || lr=$median
  ratio=$(bench_ratio "$hb" "$lc")
  printf '%-12s %9s %8ss %8ss %6sx %6s  %ss (%sx)\n' "$name" "$(wc -c < "$tmp/$name.in")" \
    "$hb" "$lc" "$ratio" "$(bench_verdict "$ratio" 0.9)" "$lr" "$(bench_ratio "$lr" "$lc")"
done
echo "ratio = hb-shape time / loc time (higher is faster; 1.00 = same speed)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Layout (itemisation, fallback to Noto Sans, shaping, line breaking at 20
# em) with one loc_layout_ctx (ratio=) and with loc_layout_new per
# line (no_ctx_ratio=) against shaping alone (one buffer per line),
# in-process, CPU time, medians of $runs passes.
lay=$build/bench/lib_layout
if [ -x "$lay" ]; then
  echo "layout vs shaping alone (in-process, paragraphs = the lines above; target <= 1.5x):"
  for spec in "deva:$noto/NotoSansDevanagari-Regular.ttf" "arab:$noto/NotoNaskhArabic-Regular.ttf"; do
    name=${spec%%:*} font=${spec#*:}
    [ -f "$tmp/$name.in" ] || continue
    printf '%-6s %s\n' "$name" "$("$lay" "$tmp/$name.in" 20000 "$runs" "$font" "$noto/NotoSans-Regular.ttf")"
  done
fi
