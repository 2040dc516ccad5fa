#!/bin/sh
# `loc normalize` against its peers on the same inputs, same machine, one run.
#
#   bench/normalize.sh [-B BUILD] [-L LOC] [-s SIZE] [-n RUNS] [-f "FORMS"] [--rss SIZE|--no-rss]
#
# -L LOC    the loc binary to measure (default BUILD/cli/loc)
# -s SIZE   input size for make-inputs.sh (default 128M)
# -n RUNS   runs per command; the median is reported (default 5)
# -f FORMS  normalization forms to run on each input (default "nfc nfd");
#           the targets apply to NFC
# --rss S   peak RSS of `loc normalize -f nfc` on S bytes of NFD input piped
#           in (default 1G); --no-rss skips it
# Output goes to /dev/null when timed; once per input and form every tool's
# output is compared with ICU Normalizer2's, and loc's also with uconv's.
# Exit status 1 when loc or the library disagrees with ICU.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/common.sh"

loc_arg= build_arg= size=128M runs=5 forms="nfc nfd" rss_size=1G
while [ $# -gt 0 ]; do
  case $1 in
    -B|-L|-s|-n|-f|--rss) [ $# -ge 2 ] || bench_die "$1 wants an argument" ;;
  esac
  case $1 in
    -B) build_arg=$2; shift 2 ;;
    -L) loc_arg=$2; shift 2 ;;
    -s) size=$2; shift 2 ;;
    -n) runs=$2; shift 2 ;;
    -f) forms=$2; shift 2 ;;
    --rss) rss_size=$2; shift 2 ;;
    --no-rss) rss_size=; shift ;;
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

# The tools; a missing one is reported and skipped, never fatal.
loc=${loc_arg:-$build/cli/loc}
utf8proc="$build/bench/utf8proc_nfc"
icu_raw="$build/bench/icu_raw"
lib="$build/bench/lib_normalize"
have() { [ -x "$1" ]; }
loc_ok=
if have "$loc" && [ "$(printf 'e\314\201\n' | "$loc" normalize -f nfc 2>/dev/null)" = "$(printf '\303\251')" ]; then
  loc_ok=1
else
  echo "note: $loc normalize is missing or not working; its rows are skipped" >&2
fi
command -v uconv >/dev/null || bench_die "uconv not found (apt-get install icu-devtools)"
have "$utf8proc" || echo "note: no $utf8proc (apt-get install libutf8proc-dev, then reconfigure)" >&2
have "$lib" || echo "note: no $lib (libloc has no loc_normalize yet)" >&2

"$here/make-inputs.sh" -s "$size" >&2

target_for() { # INPUT PEER -> target speed-up of loc over PEER, or "-"
  case $1/$2 in
    nfc/uconv) echo 16 ;; nfc/utf8proc) echo 10 ;;
    nfd/uconv) echo 9 ;; nfd/utf8proc) echo 6 ;;
    *) echo - ;;
  esac
}

row() { printf '%-6s %-5s %-28s %9s %9s %9s  %s\n' "$@"; }
report="$tmp/report"
: > "$report"
checks="$tmp/checks"
: > "$checks"

for input in nfc nfd; do
  file="$here/out/in-$input-$size.txt"
  bytes=$(wc -c < "$file")
  for form in $forms; do
    echo "== $input input, -f $form: checking outputs" >&2
    # Reference: ICU's Normalizer2 (icu_raw). uconv is compared too, as the
    # targets are set against it, but it leaves kana + U+3099/U+309A uncomposed (see README).
    "$icu_raw" -f "$form" -r 1 -o "$tmp/ref" "$file" > /dev/null
    uconv -f utf-8 -t utf-8 -x "$form" < "$file" > "$tmp/uconv"
    echo "$input $form uconv-vs-icu $(bench_same "$tmp/ref" "$tmp/uconv")" >> "$checks"
    if [ -n "$loc_ok" ]; then
      "$loc" normalize -f "$form" < "$file" > "$tmp/out" || true
      echo "$input $form loc-vs-uconv $(bench_same "$tmp/uconv" "$tmp/out")" >> "$checks"
      echo "$input $form loc-vs-icu $(bench_same "$tmp/ref" "$tmp/out")" >> "$checks"
    fi
    if have "$lib"; then
      "$lib" -f "$form" -r 1 -o "$tmp/out" "$file" > /dev/null
      echo "$input $form lib_normalize-vs-icu $(bench_same "$tmp/ref" "$tmp/out")" >> "$checks"
    fi
    if have "$utf8proc"; then
      "$utf8proc" "$form" < "$file" > "$tmp/out" || true
      echo "$input $form utf8proc-vs-icu $(bench_same "$tmp/ref" "$tmp/out")" >> "$checks"
    fi
    rm -f "$tmp/ref" "$tmp/uconv" "$tmp/out"

    echo "== $input input, -f $form: timing, $runs runs each" >&2
    loc_s= loc_cpu=-
    if [ -n "$loc_ok" ]; then
      bench_time "'$loc' normalize -f $form < '$file' > /dev/null" && loc_s=$median loc_cpu=$cpu
      row "$input" "$form" "loc normalize -f $form" "$loc_s" "$cpu" "$(bench_mbps "$bytes" "$loc_s")" "" >> "$report"
    fi
    for peer in uconv utf8proc; do
      case $peer in
        uconv) cmd="uconv -f utf-8 -t utf-8 -x $form < '$file' > /dev/null"; name="uconv -x $form" ;;
        utf8proc) have "$utf8proc" || continue
          cmd="'$utf8proc' $form < '$file' > /dev/null"; name="utf8proc_nfc $form" ;;
      esac
      bench_time "$cmd" || { row "$input" "$form" "$name" failed "" "" "" >> "$report"; continue; }
      note=
      if [ -n "$loc_s" ]; then
        r=$(bench_ratio "$median" "$loc_s")
        t=-
        [ "$form" = nfc ] && t=$(target_for "$input" "$peer")
        if [ "$t" = - ]; then note="loc is ${r}x faster"
        else note="loc is ${r}x faster (target >=${t}x: $(bench_verdict "$r" "$t"))"; fi
        if [ "$loc_cpu" != - ] && [ "$cpu" != - ]; then
          note="$note; by cpu ${loc_cpu:+$(bench_ratio "$cpu" "$loc_cpu")}x"
        fi
      fi
      row "$input" "$form" "$name" "$median" "$cpu" "$(bench_mbps "$bytes" "$median")" "$note" >> "$report"
    done

    # In-process: each program times its own normalization loop.
    icu_line=$("$icu_raw" -f "$form" -r "$runs" "$file")
    icu_mbps=$(bench_field "$icu_line" mb_per_s)
    row "$input" "$form" "icu_raw (in-process)" "$(bench_secs "$(bench_field "$icu_line" median_s)")" "$(bench_secs "$(bench_field "$icu_line" cpu_s)")" "$icu_mbps" "baseline" >> "$report"
    if have "$lib"; then
      lib_line=$("$lib" -f "$form" -r "$runs" "$file")
      lib_mbps=$(bench_field "$lib_line" mb_per_s)
      r=$(bench_ratio "$lib_mbps" "$icu_mbps")
      row "$input" "$form" "lib_normalize (in-process)" "$(bench_secs "$(bench_field "$lib_line" median_s)")" "$(bench_secs "$(bench_field "$lib_line" cpu_s)")" "$lib_mbps" \
        "${r}x raw ICU (target >=0.8x: $(bench_verdict "$r" 0.8)); by cpu $(bench_ratio "$(bench_field "$icu_line" cpu_s)" "$(bench_field "$lib_line" cpu_s)")x" >> "$report"
    fi
  done
done

rss_line=
if [ -n "$rss_size" ] && [ -n "$loc_ok" ]; then
  if [ -x /usr/bin/time ]; then
    echo "== peak RSS of loc normalize on $rss_size of NFD input (piped)" >&2
    st=0
    "$here/make-inputs.sh" --emit nfd "$rss_size" |
      /usr/bin/time -f '%M %e' -o "$tmp/rss" "$loc" normalize -f nfc > /dev/null || st=$?
    # GNU time puts "Command exited with non-zero status" first on failure.
    tail -n 1 "$tmp/rss" > "$tmp/rss.last"
    rss_line=$(awk -v s="$rss_size" -v st="$st" '{ printf "peak RSS of `loc normalize -f nfc` on %s NFD input piped: %.1f MiB (%d KiB), %.1f s wall, exit %d\n", s, $1 / 1024, $1, $2, st }' "$tmp/rss.last")
  else
    rss_line="peak RSS: skipped, /usr/bin/time missing (apt-get install time)"
  fi
fi

echo
echo "loc normalize vs peers — $(uname -m), $(nproc) CPUs, load average $load at start, $runs runs each"
echo "median wall time; cpu = user+system; MB/s and ratios from wall time; MB = 10^6 bytes"
echo "inputs: bench/out/in-{nfc,nfd}-$size.txt ($(wc -c < "$here/out/in-nfc-$size.txt") / $(wc -c < "$here/out/in-nfd-$size.txt") bytes)"
echo "timer: $(if [ -z "${BENCH_NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then hyperfine --version; else echo 'date +%s.%N loop'; fi)"
echo
row input form tool "median s" "cpu s" "MB/s" ""
row ----- ---- ---- -------- ----- ---- ""
cat "$report"
echo
echo "output checks (reference: ICU Normalizer2 via icu_raw; loc is also compared with uconv):"
sed 's/^/  /' "$checks"
[ -z "$rss_line" ] || { echo; echo "$rss_line"; }
# Failing status only when libloc disagrees with ICU itself.
if grep -E '^[a-z]+ [a-z_]+ (loc|lib_normalize)-vs-icu DIFFER' "$checks" >/dev/null; then exit 1; fi
