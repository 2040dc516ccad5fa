#!/bin/sh
# `loc segment --by word` against ICU's word break iterator used directly
# (bench/ubrk_raw) and the library in-process (bench/lib_segment), on UDHR
# text: a mix of scripts, then one input per language.
#
#   bench/segment.sh [-B BUILD] [-L LOC] [-s SIZE] [-S SIZE] [-n RUNS] [-l "LANGS"]
#
# -L LOC    the loc binary to measure (default BUILD/cli/loc)
# -s SIZE   size of the mixed input (default 50M)
# -S SIZE   size of each per-language input (default 4M)
# -n RUNS   runs per command; the median is reported (default 5)
# -l LANGS  per-language inputs (default "en ru ar hi th lo km my zh ja";
#           "" for none); th lo km my zh ja are ICU's dictionary languages
# Target: loc at least 0.8x as fast as the raw ubrk
# loop, as whole processes (CLI) and in-process (library). Segment counts
# of every tool are compared once per input; exit 1 when they disagree.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/common.sh"

loc_arg= build_arg= size=50M lang_size=4M runs=5 langs="en ru ar hi th lo km my zh ja"
while [ $# -gt 0 ]; do
  case $1 in
    -B|-L|-s|-S|-n|-l) [ $# -ge 2 ] || bench_die "$1 wants an argument" ;;
  esac
  case $1 in
    -B) build_arg=$2; shift 2 ;;
    -L) loc_arg=$2; shift 2 ;;
    -s) size=$2; shift 2 ;;
    -S) lang_size=$2; shift 2 ;;
    -n) runs=$2; shift 2 ;;
    -l) langs=$2; shift 2 ;;
    -h|--help) sed -n '2,16s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) bench_die "unknown argument '$1' (try --help)" ;;
  esac
done
case $runs in ''|*[!0-9]*|0) bench_die "-n wants a positive count" ;; esac
bench_find_build "$build_arg"
# The load before this script adds its own.
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/loc-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
LC_ALL=C
export LC_ALL

loc=${loc_arg:-$build/cli/loc}
raw="$build/bench/ubrk_raw"
lib="$build/bench/lib_segment"
[ -x "$raw" ] || bench_die "no $raw (meson compile -C $build)"
[ -x "$lib" ] || { echo "note: no $lib (libloc exports no segmenter); its rows are skipped" >&2; lib=; }
loc_ok=
if [ -x "$loc" ] && [ "$(printf 'a b\n' | "$loc" segment --by word --words-only 2>/dev/null | tr '\n' ,)" = "a,b,," ]; then
  loc_ok=1
else
  echo "note: $loc segment is missing or not working; its rows are skipped" >&2
fi

# Inputs: UDHR declarations (one paragraph a line) from the corpus cache.
cache="$root/corpora/cache/udhr/txt"
file_of() { # LANG -> the UDHR file of that language
  case $1 in
    en) echo eng ;; fr) echo fra ;; ru) echo rus ;; ar) echo arb ;; hi) echo hin ;;
    th) echo tha ;; lo) echo lao ;; km) echo khm ;; my) echo mya ;;
    zh) echo cmn_hans ;; ja) echo jpn ;; *) bench_die "no UDHR file known for '$1'" ;;
  esac
}
mix_langs="en fr ru ar hi th lo km my zh ja"
for l in $mix_langs $langs; do
  [ -s "$cache/$(file_of "$l").txt" ] ||
    bench_die "no $cache/$(file_of "$l").txt (run: bash scripts/setup --data-only)"
done
bytes_of() {
  case $1 in
    *[!0-9KMG]*|''|[KMG]*) bench_die "bad size '$1'" ;;
    *K) echo $(( ${1%K} * 1024 )) ;;
    *M) echo $(( ${1%M} * 1024 * 1024 )) ;;
    *G) echo $(( ${1%G} * 1024 * 1024 * 1024 )) ;;
    *) echo "$1" ;;
  esac
}
# SEED SIZE DEST: SEED repeated to at least SIZE bytes, whole lines only, as
# make-inputs.sh does; rebuilt when the seed or this script is newer.
repeat_to() {
  if [ -s "$3" ] && [ "$3" -nt "$1" ] && [ "$3" -nt "$0" ]; then return; fi
  target=$(bytes_of "$2")
  one=$(wc -c < "$1")
  copies=$(( target / one )) i=0
  while [ $i -lt $copies ]; do cat "$1"; i=$((i + 1)); done > "$3.tmp"
  rest=$(( target - copies * one ))
  [ $rest -le 0 ] ||
    awk -v need="$rest" '{ print; n += length($0) + 1; if (n >= need) exit }' "$1" >> "$3.tmp"
  mv "$3.tmp" "$3"
  echo "$3: $(wc -c < "$3") bytes, $(wc -l < "$3") lines" >&2
}
mkdir -p "$here/out"
seed="$here/out/seg-seed-mix.txt"
for l in $mix_langs; do cat "$cache/$(file_of "$l").txt"; done > "$seed.new"
if cmp -s "$seed.new" "$seed"; then rm -f "$seed.new"; else mv "$seed.new" "$seed"; fi
inputs="mix:$here/out/seg-mix-$size.txt"
repeat_to "$seed" "$size" "$here/out/seg-mix-$size.txt"
for l in $langs; do
  repeat_to "$cache/$(file_of "$l").txt" "$lang_size" "$here/out/seg-$l-$lang_size.txt"
  inputs="$inputs $l:$here/out/seg-$l-$lang_size.txt"
done

row() { printf '%-5s %-36s %9s %9s %9s  %s\n' "$@"; }
report="$tmp/report"
checks="$tmp/checks"
: > "$report"
: > "$checks"
vs_raw() { # WALL CPU RAW_WALL RAW_CPU -> ratio note with the 0.8 target
  r=$(bench_ratio "$3" "$1")
  note="${r}x raw (target >=0.8x: $(bench_verdict "$r" 0.8))"
  if [ "$2" != - ] && [ "$4" != - ]; then note="$note; by cpu $(bench_ratio "$4" "$2")x"; fi
  echo "$note"
}

for spec in $inputs; do
  name=${spec%%:*} file=${spec#*:}
  bytes=$(wc -c < "$file")
  lines=$(wc -l < "$file")
  echo "== $name ($bytes bytes): checking segment counts" >&2
  raw_line=$("$raw" -r 1 "$file" | head -n 1)
  raw_counts="$(bench_field "$raw_line" segments)/$(bench_field "$raw_line" wordlike)"
  echo "$name ubrk_raw segments/word-like $raw_counts" >> "$checks"
  if [ -n "$lib" ]; then
    for m in iter array; do
      l_line=$("$lib" -m $m -r 1 "$file" | head -n 1)
      c="$(bench_field "$l_line" segments)/$(bench_field "$l_line" wordlike)"
      if [ "$c" = "$raw_counts" ]; then v=same; else v="DIFFER ($c)"; fi
      echo "$name lib_segment-$m-vs-raw $v" >> "$checks"
    done
  fi
  if [ -n "$loc_ok" ]; then
    # Text form: one output line per segment plus an empty one per input line.
    n=$(( $("$loc" segment --by word < "$file" | wc -l) - lines ))
    w=$("$loc" segment --by word --words-only < "$file" | grep -c .)
    c="$n/$w"
    if [ "$c" = "$raw_counts" ]; then v=same; else v="DIFFER ($c)"; fi
    echo "$name loc-vs-raw $v" >> "$checks"
  fi

  echo "== $name: timing, $runs runs each" >&2
  bench_time "'$raw' -r 1 '$file' > /dev/null"
  raw_s=$median raw_cpu=$cpu
  row "$name" "ubrk_raw (whole process)" "$raw_s" "$raw_cpu" "$(bench_mbps "$bytes" "$raw_s")" "baseline for the CLI" >> "$report"
  if [ -n "$loc_ok" ]; then
    for opts in "" " --json" " --words-only"; do
      if bench_time "'$loc' segment --by word$opts < '$file' > /dev/null"; then
        row "$name" "loc segment --by word$opts" "$median" "$cpu" "$(bench_mbps "$bytes" "$median")" \
          "$(vs_raw "$median" "$cpu" "$raw_s" "$raw_cpu")" >> "$report"
      else
        row "$name" "loc segment --by word$opts" failed "" "" "" >> "$report"
      fi
    done
  fi
  # In-process: each program times its own pass over the lines.
  raw_line=$("$raw" -r "$runs" "$file" | tail -n 1)
  raw_in=$(bench_secs "$(bench_field "$raw_line" median_s)")
  raw_in_cpu=$(bench_secs "$(bench_field "$raw_line" cpu_s)")
  row "$name" "ubrk_raw (in-process loop)" "$raw_in" "$raw_in_cpu" "$(bench_field "$raw_line" mb_per_s)" "baseline for the library" >> "$report"
  if [ -n "$lib" ]; then
    for m in iter array; do
      l_line=$("$lib" -m $m -r "$runs" "$file" | tail -n 1)
      l_s=$(bench_secs "$(bench_field "$l_line" median_s)")
      l_cpu=$(bench_secs "$(bench_field "$l_line" cpu_s)")
      row "$name" "lib_segment -m $m (in-process)" "$l_s" "$l_cpu" "$(bench_field "$l_line" mb_per_s)" \
        "$(vs_raw "$l_s" "$l_cpu" "$raw_in" "$raw_in_cpu")" >> "$report"
    done
  fi
done

echo
echo "loc segment --by word vs raw ICU — $(uname -m), $(nproc) CPUs, load average $load at start, $runs runs each"
echo "median wall time; cpu = user+system; MB/s and ratios from wall time; MB = 10^6 bytes"
echo "inputs: bench/out/seg-mix-$size.txt (UDHR: $mix_langs, repeated), bench/out/seg-LANG-$lang_size.txt"
echo "timer: $(if [ -z "${BENCH_NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then hyperfine --version; else echo 'date +%s.%N loop'; fi)"
echo
row input tool "median s" "cpu s" "MB/s" ""
row ----- ---- -------- ----- ---- ""
cat "$report"
echo
echo "segment counts (segments/word-like; reference: ubrk_raw):"
sed 's/^/  /' "$checks"
if grep ' DIFFER' "$checks" >/dev/null; then exit 1; fi
