#!/bin/sh
# `loc render` throughput: UDHR paragraphs of Devanagari (hin, mar, nep;
# Noto Sans Devanagari) and Arabic (arb, urd, pes; Noto Naskh Arabic), Noto
# Sans as fallback, drawn to PNG (800 px wide, 18 px) — input lines per
# second of CPU time (user + system), and the same to SVG. With -H, also
# one paragraph of SIZE bytes ("abc def " repeated; default 10 MB) at 4 px
# in a 2000 px picture: CPU time and peak memory (/usr/bin/time -v), run
# once (it is slow).
#
#   bench/render.sh [-B BUILD] [-L LOC] [-n RUNS] [-N LINES] [-H [-S BYTES]]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/common.sh"

loc_arg= build_arg= runs=5 nlines=1000 huge=0 hsize=10000000
while [ $# -gt 0 ]; do
  case $1 in
    -B|-L|-n|-N|-S) [ $# -ge 2 ] || bench_die "$1 wants an argument" ;;
  esac
  case $1 in
    -B) build_arg=$2; shift 2 ;;
    -L) loc_arg=$2; shift 2 ;;
    -n) runs=$2; shift 2 ;;
    -N) nlines=$2; shift 2 ;;
    -H) huge=1; shift ;;
    -S) hsize=$2; shift 2 ;;
    -h|--help) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) bench_die "unknown argument '$1' (try --help)" ;;
  esac
done
bench_find_build "$build_arg"
loc=${loc_arg:-$build/cli/loc}
udhr=$root/corpora/cache/udhr/txt
[ -d "$udhr" ] || bench_die "no UDHR corpus in $udhr (run scripts/setup)"
noto=/usr/share/fonts/truetype/noto
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C.UTF-8; export LC_ALL
# hyperfine's CPU figure is a mean; the loop's is a median
BENCH_NO_HYPERFINE=1; export BENCH_NO_HYPERFINE

echo "loc render, $nlines paragraphs, CPU time (user+sys), median of $runs runs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %9s %10s %10s %10s %10s\n' input bytes png-cpu "lines/s" svg-cpu "lines/s"
for spec in "deva:$noto/NotoSansDevanagari-Regular.ttf:hin mar nep" \
            "arab:$noto/NotoNaskhArabic-Regular.ttf:arb urd pes_1"; do
  name=${spec%%:*} rest=${spec#*:}
  font=${rest%%:*} decls=${rest#*:}
  [ -f "$font" ] || { echo "$name: $font not installed, skipped"; continue; }
  for d in $decls; do awk 'NF' "$udhr/$d.txt"; done > "$tmp/one"
  : > "$tmp/all"
  while [ "$(wc -l < "$tmp/all")" -lt "$nlines" ]; do cat "$tmp/one" >> "$tmp/all"; done
  head -n "$nlines" "$tmp/all" > "$tmp/$name.in"
  args="--font '$font' --font '$noto/NotoSans-Regular.ttf' --width 800 --size 18"
  bench_time "'$loc' render $args -o '$tmp/out.png' '$tmp/$name.in'"; png=$cpu
  bench_time "'$loc' render $args -o '$tmp/out.svg' '$tmp/$name.in'"; svg=$cpu
  printf '%-6s %9s %9ss %10s %9ss %10s\n' "$name" "$(wc -c < "$tmp/$name.in")" "$png" \
    "$(awk -v n="$nlines" -v t="$png" 'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }')" "$svg" \
    "$(awk -v n="$nlines" -v t="$svg" 'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }')"
done

if [ "$huge" = 1 ]; then
  [ -x /usr/bin/time ] || bench_die "-H needs /usr/bin/time (package time)"
  { yes 'abc def' | tr '\n' ' ' | head -c "$hsize"; echo; } > "$tmp/huge.txt"
  font=$noto/NotoSans-Regular.ttf
  /usr/bin/time -v "$loc" render --font "$font" --width 2000 --size 4 -o "$tmp/huge.png" \
    "$tmp/huge.txt" 2> "$tmp/time.txt" || { cat "$tmp/time.txt" >&2; bench_die "huge paragraph failed"; }
  awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
    END { printf "one paragraph of %s bytes, PNG 2000 px at 4 px: %.1f s CPU, %.0f MB peak\n", b, u + s, m / 1024 }' \
    b="$(wc -c < "$tmp/huge.txt")" "$tmp/time.txt"
  echo "picture: $(file -b "$tmp/huge.png" 2>/dev/null || echo '?')"
fi
