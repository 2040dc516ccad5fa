#!/bin/bash
# --jobs 2 and --jobs 3 give byte for byte the stdout, the stderr and the exit
# status of --jobs 1, for every command on the threaded core: on the UDHR
# corpus concatenated (generated text when it is absent), on lines with
# invalid UTF-8 (their reports keep their line numbers), on lines longer than
# the 1 MiB read block, and across several files with a missing one.
#
# Usage: same-output.sh LOC SOURCE_ROOT
# LOC_JOBS_QUICK=1 (automatic for sanitizer builds): less text and fewer
# commands; every path of the core is still taken.
set -u
loc=$1 root=$2
quick=${LOC_JOBS_QUICK:-0}
# Sanitizer builds run several times slower: the quick set keeps them short.
grep -q -e __asan_init -e __tsan_init "$loc" 2>/dev/null && quick=1
size=1500000
[ "$quick" = 1 ] && size=700000
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# Text: the corpus when present, else many generated lines in several scripts.
if ls "$root"/corpora/cache/udhr/txt/*.txt >/dev/null 2>&1; then
  cat "$root"/corpora/cache/udhr/txt/*.txt | head -c $size >"$tmp/text"
else
  for i in $(seq 1 3000); do
    printf 'Line %d: Всеобщая декларация прав человека — 世界人権宣言 हिन्दी ä\xcc\x88 (x)\n' "$i"
  done >"$tmp/text"
fi
# Invalid UTF-8 sprinkled over the text, some lines with several bad bytes.
awk 'NR % 97 == 0 { print $0 "\xff x \xc3(" ; next }
     NR % 211 == 0 { print "\xe2\x82 " $0 " \xf0\x9f\x98" ; next } { print }' \
  "$tmp/text" >"$tmp/invalid"
# Long lines: 2.5 MB, 1 MiB exactly and just over (the read block), between
# ordinary lines, an invalid byte and a decomposed character inside.
{
  head -n 50 "$tmp/text"
  head -c 1100000 "$tmp/text" | tr '\n' ' '; printf 'e\xcc\x81 \xff '
  head -c 1150000 "$tmp/text" | tr '\n' ' '; printf '\n'
  head -n 30 "$tmp/invalid"
  head -c 1048576 /dev/zero | tr '\0' 'a'; printf '\n'
  head -c 1048577 /dev/zero | tr '\0' 'b'; printf '\n'
  head -n 30 "$tmp/text"
  head -c 1100000 "$tmp/text" | tr '\n' ' '   # no final newline
} >"$tmp/long"
# Domain names: words of the text with a suffix, some invalid; CSV rows.
tr -s ' \t' '\n\n' <"$tmp/invalid" | head -n 60000 | sed 's/$/.example/' >"$tmp/names"
awk '{ printf "%d,%s,%s\n", NR, $0, (NR % 3 ? "x" : "") }' "$tmp/names" >"$tmp/names.csv"
printf 'xn--n3h.net\r\nfaß.de\n\n-bad-.com\nabc\xff.org\n' >>"$tmp/names"
# Registered names for confusables: the distinct names of the list.
awk '!seen[$0]++' "$tmp/names" | head -n 20000 >"$tmp/registered"

# check NAME ARGS... (stdin from $in): jobs 1 vs 2 and 3.
check() {
  local name=$1; shift
  "$loc" "$@" -j 1 <"$in" >"$tmp/o1" 2>"$tmp/e1"
  local s1=$?
  for j in 2 3; do
    "$loc" "$@" -j $j <"$in" >"$tmp/o$j" 2>"$tmp/e$j"
    local sj=$?
    if ! cmp -s "$tmp/o1" "$tmp/o$j" || ! cmp -s "$tmp/e1" "$tmp/e$j" || [ $s1 != $sj ]; then
      echo "FAIL $name: --jobs $j differs from --jobs 1 (status $s1 vs $sj)"
      cmp "$tmp/o1" "$tmp/o$j"; cmp "$tmp/e1" "$tmp/e$j"
      fail=1
    fi
  done
  echo "ok $name: $(wc -c <"$tmp/o1") bytes out, $(wc -l <"$tmp/e1") diagnostics, status $s1"
}

if [ "$quick" = 1 ]; then
  for f in invalid long; do
    in=$tmp/$f
    check "normalize nfd $f" normalize -f nfd
    check "script --json $f" script --json
    check "script --summary $f" script --summary
    check "segment word json $f" segment --by word --json
  done
  in=$tmp/names.csv
  check "idn to-ascii column 2" idn to-ascii --column 2
  check "idn confusables column 2" idn confusables --against "$tmp/registered" --column 2
  in=$tmp/invalid
  check "key --fold all" key --fold all
  check "detect --json" detect --json
  check "check" check
  check "translit Any-Latin" translit -t Any-Latin
  in=/dev/null
  check "script files" script --json "$tmp/long" "$tmp/missing" "$tmp/invalid"
  exit $fail
fi

for f in text invalid long; do
  in=$tmp/$f
  check "normalize nfc $f" normalize
  check "normalize nfd $f" normalize -f nfd
  check "normalize nfkc_cf --invalid=replace $f" normalize -f nfkc_cf --invalid=replace
  check "normalize --check nfd $f" normalize --check -f nfd
  check "script $f" script
  check "script --json --invalid=replace $f" script --json --invalid=replace
  check "script --summary $f" script --summary
  check "script --summary --json --lang ru $f" script --summary --json --lang ru
  check "segment word json $f" segment --by word --json
  [ $f = long ] && continue # long lines make much output: one segment kind is enough
  check "segment grapheme $f" segment --by grapheme
  check "segment line --invalid=replace $f" segment --by line --invalid=replace
done
# The later commands share the core's paths: invalid lines and long lines
# are enough for each.
for f in invalid long; do
  in=$tmp/$f
  check "key --fold all $f" key --fold all
  check "translit Any-Latin $f" translit -t Any-Latin
  check "check --json $f" check --json
done
in=$tmp/invalid
check "detect --json" detect --json
check "detect --spans" detect --spans
in=$tmp/names
check "idn to-ascii" idn to-ascii
check "idn to-unicode json" idn to-unicode --json
in=$tmp/names.csv
check "idn to-ascii column 2" idn to-ascii --column 2
check "idn to-ascii column 3 json" idn to-ascii --column 3 --json
in=$tmp/names
check "idn confusables" idn confusables --against "$tmp/registered"
check "idn confusables json" idn confusables --against "$tmp/registered" --json
in=$tmp/long
check "idn long lines" idn to-ascii
check "idn confusables long lines" idn confusables --against "$tmp/registered"
# Several files, one missing, one read twice; stdin unused.
in=/dev/null
check "normalize files" normalize "$tmp/invalid" "$tmp/missing" "$tmp/long" "$tmp/invalid"
check "script files" script --json "$tmp/long" "$tmp/missing" "$tmp/invalid"
check "script --summary files" script --summary "$tmp/text" "$tmp/missing" "$tmp/long"
check "segment files" segment --by sentence "$tmp/missing" "$tmp/invalid"
# --jobs 0 is one thread per core: same output again.
in=$tmp/invalid
"$loc" normalize -j 0 <"$in" >"$tmp/o0" 2>"$tmp/e0"
"$loc" normalize <"$in" >"$tmp/o1" 2>"$tmp/e1"
cmp -s "$tmp/o0" "$tmp/o1" && cmp -s "$tmp/e0" "$tmp/e1" || { echo "FAIL --jobs 0"; fail=1; }
exit $fail
