#!/bin/sh
# `loc idn lgr` / `loc idn variants` on ICANN's Root Zone LGR files.
#
#   bench/lgr.sh [-B BUILD] [-L LOC] [-N LABELS] [-V VLABELS] [-n RUNS] [-D LGRDIR]
#
# -N LABELS   labels for validity + disposition (default 100000), made from
#             UDHR words (corpora/cache/udhr/txt): Latin-script languages for
#             the Latin LGR, Arabic, Persian and Urdu for the Arabic LGR
# -V VLABELS  labels for variant generation (default 2000, default cap 10000)
# -n RUNS     runs per command; medians are reported (default 3)
# -D LGRDIR   the RZ-LGR 5 folder (default ../shared/testdata/lgr/root-zone-5
#             beside the source tree); exit 77 when it is absent
# Reports labels/s (wall and CPU), with the LGR's load time measured apart
# and subtracted, and the load time of the largest and of the 2 MB file.
# ICANN's lgr-core (Python) cannot be installed here (it is not on any
# registry this machine reaches), so there is no peer column.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/common.sh"
build_arg= loc_arg= count=100000 vcount=2000 runs=3 dir=
while [ $# -gt 0 ]; do
  case $1 in
    -B|-L|-N|-V|-n|-D) [ $# -ge 2 ] || bench_die "$1 wants an argument" ;;
  esac
  case $1 in
    -B) build_arg=$2; shift 2 ;;
    -L) loc_arg=$2; shift 2 ;;
    -N) count=$2; shift 2 ;;
    -V) vcount=$2; shift 2 ;;
    -n) runs=$2; shift 2 ;;
    -D) dir=$2; shift 2 ;;
    -h|--help) sed -n '2,18s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) bench_die "unknown argument '$1' (try --help)" ;;
  esac
done
bench_find_build "$build_arg"
loc=${loc_arg:-$build/cli/loc}
dir=${dir:-$root/../shared/testdata/lgr/root-zone-5}
[ -d "$dir" ] || { echo "no LGR folder $dir: skipped"; exit 77; }
udhr=$root/corpora/cache/udhr/txt
[ -d "$udhr" ] || bench_die "no $udhr (run scripts/setup)"
latin=$dir/lgr-5-latin-script-26may22-en.xml
arabic=$dir/lgr-5-arabic-script-26may22-en.xml
common=$dir/lgr-5-common-26may22-en.xml
largest=$(ls -S "$dir"/*.xml | head -n 1)
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/loc-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# Words of the UDHR texts: split at ASCII non-letters (bytes >= 0x80 stay in
# words), ASCII lower-cased, repeated to N lines.
words() { # N FILE...
  n=$1; shift
  cat "$@" | LC_ALL=C awk -v n="$n" '
    { gsub(/[^A-Za-z\200-\377]+/, " "); $0 = tolower($0)
      for (i = 1; i <= NF; i++) w[k++] = $i }
    END { if (k) for (i = 0; i < n; i++) print w[i % k] }'
}
words "$count" "$udhr"/eng.txt "$udhr"/fra.txt "$udhr"/deu_1996.txt "$udhr"/spa.txt \
  "$udhr"/pol.txt "$udhr"/tur.txt "$udhr"/vie.txt "$udhr"/yor.txt > "$tmp/latin.txt"
words "$count" "$udhr"/arb.txt "$udhr"/pes_1.txt "$udhr"/urd.txt 2>/dev/null > "$tmp/arabic.txt" ||
  words "$count" "$udhr"/arb.txt > "$tmp/arabic.txt"
head -n "$vcount" "$tmp/latin.txt" > "$tmp/vlatin.txt"

echo "# loc idn lgr benchmark: $count labels, $runs runs, load average $load"
printf '%-46s %9s %9s %12s %12s\n' "what" "wall s" "cpu s" "labels/s" "by cpu"
row() { printf '%-46s %9s %9s %12s %12s\n' "$@"; }
rate() { awk -v n="$1" -v s="$2" -v z="$3" 'BEGIN { d = s - z; printf "%.0f", (d > 0 ? n / d : 0) }'; }

bench_time "'$loc' idn lgr --lgr '$latin' x > /dev/null || true"; l_wall=$median l_cpu=$cpu
row "load Latin LGR ($(wc -c < "$latin") bytes)" "$l_wall" "$l_cpu" - -
bench_time "'$loc' idn lgr --lgr '$latin' < '$tmp/latin.txt' > /dev/null || true"
row "Latin: disposition + index, $count labels" "$median" "$cpu" \
  "$(rate "$count" "$median" "$l_wall")" "$(rate "$count" "$cpu" "$l_cpu")"
lat_cpu_rate=$(rate "$count" "$cpu" "$l_cpu")
bench_time "'$loc' idn lgr --lgr '$arabic' x > /dev/null || true"; a_wall=$median a_cpu=$cpu
row "load Arabic LGR ($(wc -c < "$arabic") bytes)" "$a_wall" "$a_cpu" - -
bench_time "'$loc' idn lgr --lgr '$arabic' < '$tmp/arabic.txt' > /dev/null || true"
row "Arabic: disposition + index, $count labels" "$median" "$cpu" \
  "$(rate "$count" "$median" "$a_wall")" "$(rate "$count" "$cpu" "$a_cpu")"
ara_cpu_rate=$(rate "$count" "$cpu" "$a_cpu")
"$loc" idn variants --lgr "$latin" < "$tmp/vlatin.txt" > "$tmp/variants.out" 2>/dev/null || true
nvar=$(grep -c "^$(printf '\t')" "$tmp/variants.out" || true)
bench_time "'$loc' idn variants --lgr '$latin' < '$tmp/vlatin.txt' > /dev/null || true"
row "Latin: variants of $vcount labels ($nvar listed)" "$median" "$cpu" \
  "$(rate "$vcount" "$median" "$l_wall")" "$(rate "$vcount" "$cpu" "$l_cpu")"
echo "  variant labels generated per second (by cpu): $(rate "$nvar" "$cpu" "$l_cpu")"
bench_time "'$loc' idn lgr --lgr '$common' x > /dev/null || true"
row "load Common LGR ($(wc -c < "$common") bytes)" "$median" "$cpu" - -
c_cpu=$cpu
bench_time "'$loc' idn lgr --lgr '$largest' x > /dev/null || true"
row "load largest LGR $(basename "$largest") ($(wc -c < "$largest") bytes)" "$median" "$cpu" - -
echo "targets: >= 100000 labels/s by cpu: Latin $(bench_verdict "$lat_cpu_rate" 100000)," \
  "Arabic $(bench_verdict "$ara_cpu_rate" 100000); 2 MB load < 0.5 s cpu:" \
  "$(awk -v c="$c_cpu" 'BEGIN { print (c + 0 < 0.5 ? "ok" : "MISS") }')"
echo "peer: ICANN lgr-core is not installable here (no PyPI); not compared"
