#!/bin/sh
# Zawgyi detection: the library (bench/lib_zawgyi) against myanmar-tools'
# ZawgyiDetector under node, on the same lines; and `loc convert` against
# `uconv` for a byte encoding (KOI8-R -> UTF-8) and for Zawgyi -> Unicode.
#
#   bench/zawgyi.sh [-B BUILD] [-L LOC] [-s SIZE] [-n RUNS] [--tsc TSC]
#
# -L LOC    the loc binary to measure (default BUILD/cli/loc)
# -s SIZE   size of each input (default 32M)
# -n RUNS   runs per command; the median (CLI) or best pass (in-process)
#           is reported (default 5)
# --tsc TSC the TypeScript compiler used to build myanmar-tools' detector
#           from the npm package's src/zawgyi_detector.ts (the package ships
#           no built JavaScript); default: node_modules of the pinned
#           typescript package in corpora/cache/npm/, or `tsc` on PATH.
# Detection lines: myanmar-tools' own Zawgyi and Unicode test files plus
# the UDHR Burmese, Shan and Mon texts, repeated. Both detectors must call
# the same number of lines Zawgyi (exit 1 otherwise).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/common.sh"

loc_arg= build_arg= size=32M runs=5 tsc=
while [ $# -gt 0 ]; do
  case $1 in
    -B|-L|-s|-n|--tsc) [ $# -ge 2 ] || bench_die "$1 wants an argument" ;;
  esac
  case $1 in
    -B) build_arg=$2; shift 2 ;;
    -L) loc_arg=$2; shift 2 ;;
    -s) size=$2; shift 2 ;;
    -n) runs=$2; shift 2 ;;
    --tsc) tsc=$2; shift 2 ;;
    -h|--help) sed -n '2,19s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) bench_die "unknown argument '$1' (try --help)" ;;
  esac
done
case $runs in ''|*[!0-9]*|0) bench_die "-n wants a positive count" ;; esac
bench_find_build "$build_arg"
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/loc-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
LC_ALL=C
export LC_ALL

loc=${loc_arg:-$build/cli/loc}
lib="$build/bench/lib_zawgyi"
[ -x "$lib" ] || bench_die "no $lib (meson compile -C $build)"
[ -x "$loc" ] || bench_die "no $loc"
mt="$root/corpora/cache/npm/myanmar-tools-1.2.0/package"
udhr="$root/corpora/cache/udhr/txt"
[ -d "$mt" ] || bench_die "no $mt (run: bash scripts/setup --data-only)"
[ -s "$udhr/mya.txt" ] || bench_die "no $udhr/mya.txt (run: bash scripts/setup --data-only)"

bytes_of() {
  case $1 in
    *[!0-9KMG]*|''|[KMG]*) bench_die "bad size '$1'" ;;
    *K) echo $(( ${1%K} * 1024 )) ;;
    *M) echo $(( ${1%M} * 1024 * 1024 )) ;;
    *G) echo $(( ${1%G} * 1024 * 1024 * 1024 )) ;;
    *) echo "$1" ;;
  esac
}
repeat_to() { # SEED SIZE DEST
  target=$(bytes_of "$2")
  one=$(wc -c < "$1")
  copies=$(( target / one )) i=0
  while [ $i -lt $copies ]; do cat "$1"; i=$((i + 1)); done > "$3"
}

# myanmar-tools' detector for node, built the way its gulpfile does: the
# model inlined as base64 and the NODEJS-only branches kept.
if [ -z "$tsc" ]; then
  for t in "$root"/corpora/cache/npm/typescript-*/package/bin/tsc; do
    [ -f "$t" ] && tsc="node $t"
  done
  [ -n "$tsc" ] || ! command -v tsc >/dev/null || tsc=tsc
fi
node_ok=
if [ -n "$tsc" ] && command -v node >/dev/null; then
  awk -v data="$(base64 -w0 "$mt/resources/zawgyiUnicodeModel.dat")" '
    /\/\/ @if !NODEJS/ { skip = 1; next }
    /\/\/ @if NODEJS/ { next }
    /\/\/ @endif/ { skip = 0; next }
    !skip { gsub(/<BASE64_DATA_PLACEHOLDER>/, data); print }' \
    "$mt/src/zawgyi_detector.ts" > "$tmp/zawgyi_detector.ts"
  if $tsc --target es2017 --module commonjs --outDir "$tmp/mt" "$tmp/zawgyi_detector.ts" >/dev/null 2>&1 ||
     [ -s "$tmp/mt/zawgyi_detector.js" ]; then
    node_ok=1
  fi
fi
[ -n "$node_ok" ] || echo "note: no TypeScript compiler or node (see --tsc); myanmar-tools rows are skipped" >&2

seed="$tmp/seed.txt"
cat "$mt/resources/mmgov_zawgyi_src.txt" "$mt/resources/udhr_mya_unicode_src.txt" \
    "$mt/resources/udhr_mya_zawgyi_out.txt" "$udhr/mya.txt" "$udhr/shn.txt" "$udhr/mnw.txt" > "$seed"
lines_in="$tmp/lines-$size.txt"
repeat_to "$seed" "$size" "$lines_in"
bytes=$(wc -c < "$lines_in")

row() { printf '%-44s %9s %9s %9s  %s\n' "$@"; }
report="$tmp/report"
: > "$report"

echo "== detection, in-process, best of $runs passes" >&2
l_line=$("$lib" -r "$runs" "$lines_in")
l_s=$(bench_field "$l_line" seconds) l_cpu=$(bench_field "$l_line" cpu)
row "loc_legacy_zawgyi_probability (lib_zawgyi)" "$l_s" "$l_cpu" "$(bench_mbps "$bytes" "$l_s")" \
  "lines $(bench_field "$l_line" lines), Zawgyi $(bench_field "$l_line" zawgyi)" >> "$report"
agree=
if [ -n "$node_ok" ]; then
  n_line=$(node --no-deprecation "$here/zawgyi_node.js" "$tmp/mt/zawgyi_detector.js" "$lines_in" "$runs")
  n_s=$(bench_field "$n_line" seconds) n_cpu=$(bench_field "$n_line" cpu)
  row "myanmar-tools ZawgyiDetector (node $(node --version))" "$n_s" "$n_cpu" \
    "$(bench_mbps "$bytes" "$n_s")" "lines $(bench_field "$n_line" lines), Zawgyi $(bench_field "$n_line" zawgyi)" >> "$report"
  row "" "" "" "" "loc is $(bench_ratio "$n_s" "$l_s")x myanmar-tools (by cpu $(bench_ratio "$n_cpu" "$l_cpu")x)" >> "$report"
  if [ "$(bench_field "$n_line" zawgyi)" = "$(bench_field "$l_line" zawgyi)" ]; then agree=same; else agree=DIFFER; fi
fi

# Conversion, whole processes: KOI8-R from the UDHR Russian text.
koi="$tmp/koi8r-$size.txt"
uconv -f UTF-8 -t KOI8-R "$udhr/rus.txt" > "$tmp/rus.koi8r"
repeat_to "$tmp/rus.koi8r" "$size" "$koi"
kbytes=$(wc -c < "$koi")
"$loc" convert --from KOI8-R "$koi" | cmp -s - "$(uconv -f KOI8-R -t UTF-8 "$koi" > "$tmp/u.out"; echo "$tmp/u.out")" ||
  bench_die "loc convert and uconv disagree on KOI8-R"
echo "== conversion, $runs runs each" >&2
bench_time "uconv -f KOI8-R -t UTF-8 '$koi' > /dev/null"
u_s=$median u_cpu=$cpu
row "uconv -f KOI8-R -t UTF-8" "$u_s" "$u_cpu" "$(bench_mbps "$kbytes" "$u_s")" "baseline" >> "$report"
bench_time "'$loc' convert --from KOI8-R '$koi' > /dev/null"
row "loc convert --from KOI8-R" "$median" "$cpu" "$(bench_mbps "$kbytes" "$median")" \
  "$(bench_ratio "$u_s" "$median")x uconv (by cpu $(bench_ratio "$u_cpu" "$cpu")x)" >> "$report"

# Zawgyi -> Unicode: both run ICU's Zawgyi-my; loc line by line.
zg="$tmp/zawgyi-$size.txt"
zsize=$(( $(bytes_of "$size") / 8 ))
repeat_to "$mt/resources/mmgov_zawgyi_src.txt" "$zsize" "$zg"
zbytes=$(wc -c < "$zg")
bench_time "uconv -f UTF-8 -t UTF-8 -x Zawgyi-my '$zg' > /dev/null"
u_s=$median u_cpu=$cpu
row "uconv -x Zawgyi-my ($(( zbytes / 1000000 )) MB)" "$u_s" "$u_cpu" "$(bench_mbps "$zbytes" "$u_s")" "baseline" >> "$report"
bench_time "'$loc' convert --from zawgyi '$zg' > /dev/null"
row "loc convert --from zawgyi" "$median" "$cpu" "$(bench_mbps "$zbytes" "$median")" \
  "$(bench_ratio "$u_s" "$median")x uconv (by cpu $(bench_ratio "$u_cpu" "$cpu")x)" >> "$report"
bench_time "'$loc' convert --from zawgyi --if-zawgyi '$lines_in' > /dev/null"
row "loc convert --from zawgyi --if-zawgyi (mixed)" "$median" "$cpu" "$(bench_mbps "$bytes" "$median")" \
  "detection + conversion of the Zawgyi lines" >> "$report"

echo
echo "Zawgyi detection and conversion — $(uname -m), $(nproc) CPUs, load average $load at start, $runs runs each"
echo "detection: best in-process pass over the lines; conversion: median wall time of whole processes"
echo "cpu = user+system; MB/s from wall time; MB = 10^6 bytes; inputs $size each (Zawgyi->Unicode: 1/8)"
echo
row tool "s" "cpu s" "MB/s" ""
row ---- - ----- ---- ""
cat "$report"
if [ -n "$agree" ]; then
  echo
  echo "lines called Zawgyi by loc and by myanmar-tools: $agree"
  [ "$agree" = same ] || exit 1
fi
