#!/bin/sh
# `loc idn to-ascii` against its peers on the same names, same machine, one run.
#
#   bench/idn.sh [-B BUILD] [-L LOC] [-N NAMES] [-n RUNS]
#
# -L LOC    the loc binary to measure (default BUILD/cli/loc)
# -N NAMES  number of names for make-idn-names.sh (default 1000000)
# -n RUNS   runs per command; the median is reported (default 5; Python: 1)
# Peers: the idn2 CLI (it stops at the first name it rejects, so it and loc
# are also timed on the names libidn2 accepts), in-process loops over libidn2
# (idn2_raw), ICU uidna with loc's options (icu_idna_raw) and libloc
# (lib_idn), and Python's idna package when /usr/bin/python3 has it.
# Before timing, loc's verdicts and outputs are compared with ICU's and the
# library's. Exit status 1 when they differ.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/common.sh"

loc_arg= build_arg= count=1000000 runs=5
while [ $# -gt 0 ]; do
  case $1 in
    -B|-L|-N|-n) [ $# -ge 2 ] || bench_die "$1 wants an argument" ;;
  esac
  case $1 in
    -B) build_arg=$2; shift 2 ;;
    -L) loc_arg=$2; shift 2 ;;
    -N) count=$2; shift 2 ;;
    -n) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) bench_die "unknown argument '$1' (try --help)" ;;
  esac
done
case $runs in ''|*[!0-9]*|0) bench_die "-n wants a positive count" ;; esac
bench_find_build "$build_arg"
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/loc-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
# idn2 reads names in the locale's charset.
LC_ALL=C.UTF-8
export LC_ALL

loc=${loc_arg:-$build/cli/loc}
lib="$build/bench/lib_idn"
icu="$build/bench/icu_idna_raw"
idn2_raw="$build/bench/idn2_raw"
py=/usr/bin/python3
[ -x "$loc" ] || bench_die "no loc binary '$loc'"
[ "$(printf 'B\303\274cher.de\n' | "$loc" idn to-ascii 2>/dev/null | cut -f2)" = xn--bcher-kva.de ] ||
  bench_die "$loc idn to-ascii does not work"
for p in "$lib" "$icu" "$idn2_raw"; do
  [ -x "$p" ] || bench_die "no $p (meson compile -C $build)"
done
have_idn2=1
command -v idn2 >/dev/null || { have_idn2=; echo "note: no idn2 CLI (apt-get install idn2); skipped" >&2; }
have_py=1
"$py" -c 'import idna' 2>/dev/null ||
  { have_py=; echo "note: $py cannot import idna (apt-get install python3-idna); skipped" >&2; }

"$here/make-idn-names.sh" -n "$count" -L "$loc"
names="$here/out/idn-names-$count.txt"
n=$(wc -l < "$names")

# Verdicts: "NAME<TAB>OUTPUT", or "NAME<TAB>!" when rejected.
"$lib" -r 1 -o "$tmp/v-lib" "$names" > /dev/null
"$icu" -r 1 -o "$tmp/v-icu" "$names" > /dev/null
"$idn2_raw" -r 1 -o "$tmp/v-idn2" -a "$tmp/idn2-ok" "$names" > /dev/null
"$loc" idn to-ascii < "$names" 2>/dev/null |
  awk -F '\t' '{ print $1 "\t" ($3 == "ok" ? $2 : "!") }' > "$tmp/v-loc" || true
n_sub=$(wc -l < "$tmp/idn2-ok")
status=0
check() { # LABEL FILE_A FILE_B
  same=$(bench_same "$2" "$3")
  agree=$(paste "$2" "$3" | awk -F '\t' '$2 == $4 { a++ } END { print a + 0 }')
  printf '  %-22s %s (%s of %s names agree)\n' "$1" "$same" "$agree" "$n"
}
n_icu=$(awk -F '\t' '$2 != "!"' "$tmp/v-icu" | wc -l)
echo "# loc idn benchmark: $n names ($n_icu valid for ICU uts46, $n_sub accepted by libidn2), $runs runs, load $load"
echo "verdicts and outputs:"
check "loc CLI vs lib_idn" "$tmp/v-loc" "$tmp/v-lib"
check "lib_idn vs ICU uidna" "$tmp/v-lib" "$tmp/v-icu"
check "libidn2 vs ICU uidna" "$tmp/v-idn2" "$tmp/v-icu"
cmp -s "$tmp/v-loc" "$tmp/v-lib" || status=1
cmp -s "$tmp/v-lib" "$tmp/v-icu" || status=1

pycode='
import sys, idna
ok = 0
for line in sys.stdin.buffer:
    try:
        idna.encode(line.rstrip(b"\n").decode("utf-8"), uts46=True, std3_rules=True)
        ok += 1
    except Exception:
        pass
print(ok)
'
[ -z "$have_py" ] || printf '%s' "$pycode" > "$tmp/py_idna.py"

row() { printf '%-44s %8s %9s %11s %9s\n' "$@"; }
echo
row "command (wall time, median of $runs)" names "wall s" "names/s" "cpu s"
# Processes: wall time of the whole run.
proc() { # LABEL CMD NAMES -> sets t_LABEL
  if bench_time "$2"; then
    row "$1" "$3" "$median" "$(awk -v n="$3" -v s="$median" 'BEGIN { printf "%.0f", n / s }')" "$cpu"
    eval "t_$4=\$median c_$4=\$cpu"
  else
    row "$1" "$3" failed - -
    eval "t_$4= c_$4="
  fi
}
# In-process loops: their own median over -r runs.
inproc() { # LABEL PROG -> sets t_KEY
  line=$("$2" -r "$runs" "$names")
  m=$(bench_field "$line" median_s)
  row "$1" "$n" "$(bench_secs "$m")" "$(bench_field "$line" names_per_s)" "$(bench_secs "$(bench_field "$line" cpu_s)")"
  c=$(bench_field "$line" cpu_s)
  eval "t_$3=\$m c_$3=\$c"
}
proc "loc idn to-ascii (all names)" "'$loc' idn to-ascii < '$names' > /dev/null 2>&1 || true" "$n" loc
proc "loc idn to-ascii (names libidn2 accepts)" "'$loc' idn to-ascii < '$tmp/idn2-ok' > /dev/null 2>&1 || true" "$n_sub" loc_sub
if [ -n "$have_idn2" ]; then
  proc "idn2 -N --usestd3asciirules (accepted)" "idn2 -N --usestd3asciirules < '$tmp/idn2-ok' > /dev/null" "$n_sub" idn2
fi
if [ -n "$have_py" ]; then
  # One run only: it is two orders of magnitude slower than the rest.
  runs_all=$runs
  runs=1
  proc "python3 idna.encode(uts46) (all, 1 run)" "'$py' '$tmp/py_idna.py' < '$names' > '$tmp/py-ok'" "$n" py
  runs=$runs_all
  py_ok=$(cat "$tmp/py-ok" 2>/dev/null || echo '?')
fi
inproc "lib_idn: loc_idn_to_ascii (in-process)" "$lib" lib
inproc "icu_idna_raw: uidna_nameToASCII_UTF8" "$icu" icu
inproc "idn2_raw: idn2_lookup_u8 (in-process)" "$idn2_raw" idn2raw

echo
ratio() { # LABEL KEY_LOC KEY_PEER TARGET: time of the peer / time of loc
  eval "tl=\${t_$2:-} tp=\${t_$3:-} cl=\${c_$2:-} cp=\${c_$3:-}"
  [ -n "$tl" ] && [ -n "$tp" ] || return 0
  r=$(bench_ratio "$tp" "$tl")
  rc=-
  case $cl$cp in *-*|'') ;; *) rc=$(bench_ratio "$cp" "$cl") ;; esac
  v=
  [ "$4" = - ] || v="target >= $4: wall $(bench_verdict "$r" "$4"), cpu $(bench_verdict "$rc" "$4")"
  printf '  %-44s %7sx %7sx  %s\n' "$1" "$r" "$rc" "$v"
}
printf '%-46s %8s %8s\n' "speed-ups (peer time / loc time, same names)" "wall" "cpu"
ratio "loc CLI vs idn2 CLI (names libidn2 accepts)" loc_sub idn2 5
ratio "lib_idn vs raw ICU loop (in-process)" lib icu 0.8
ratio "loc CLI vs raw ICU loop (process vs loop)" loc icu -
ratio "lib_idn vs idn2_raw (in-process)" lib idn2raw -
ratio "loc CLI vs python idna" loc py -
[ -z "$have_py" ] || echo "(python idna accepted $py_ok of $n names: IDNA 2008 rules after the UTS #46 mapping)"
exit $status
