#!/bin/sh
# HarfBuzz's own shaping suite (test/shape/data/in-house/tests/*.tests and
# their fonts, read in place from $LOC_SHARED_TESTDATA/ext/shape-hb/): every
# case that hb-shape runs is run through `loc shape` with the same arguments,
# in text and with -O json, and the two must print the same bytes and exit
# with the same status (loc runs a file's cases through --batch, hb-shape
# each case alone). Format of a case: FONT;OPTIONS;UNICODES;EXPECTED
# (EXPECTED, HarfBuzz's own expectation for its current version, is not
# used: the anchor is the hb-shape installed beside loc).
# Cases hb-shape refuses (an option it does not have, a font that is not
# there) are counted and skipped. Deliberate differences: none (a case
# listed in the DIFFERENCES variable below would be compared to the reason
# given there; the list is empty).
# Skipped (77) without the suite or hb-shape.
# Usage: hb_suite.sh LOC [TESTS-FILE...]
set -u
loc=$1; shift
data=${LOC_SHARED_TESTDATA:-../shared/testdata}/ext/shape-hb
[ -d "$data/tests" ] || { echo "SKIP: no HarfBuzz suite in $data"; exit 77; }
command -v hb-shape >/dev/null 2>&1 || { echo "SKIP: no hb-shape (libharfbuzz-bin)"; exit 77; }
DIFFERENCES=''
# One locale for both: the default language comes from it.
LC_ALL=C.UTF-8; export LC_ALL
unset LANG LC_CTYPE
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
[ $# -gt 0 ] || set -- "$data"/tests/*.tests

cases=0 same=0 same_json=0 refused=0 failed=0
# Per file: hb-shape once per case (a case it refuses is skipped), then loc
# once for all the file's cases through --batch (one output line per case,
# as hb-shape --batch prints them), in text and in JSON; when a file's
# outputs differ, each of its cases is run alone to name the ones that do.
for file in "$@"; do
  dir=$(dirname "$file")
  n=0
  : > "$tmp/batch"; : > "$tmp/batchj"; : > "$tmp/want"; : > "$tmp/wantj"; : > "$tmp/ids"
  hb_worst=0 hbj_worst=0
  # Data lines only; a line's fields may not hold ';' (HarfBuzz's format).
  grep -v '^[[:space:]]*#' "$file" | grep -v '^[[:space:]]*$' > "$tmp/lines"
  while IFS=';' read -r font options unicodes expected; do
    n=$((n + 1))
    case $font in /*) ;; *) font=$dir/$font ;; esac
    if [ ! -f "$font" ]; then refused=$((refused + 1)); continue; fi
    set -f
    # shellcheck disable=SC2086
    hb-shape --font-file="$font" --unicodes="$unicodes" $options > "$tmp/hb" 2> /dev/null
    hs=$?
    if [ $hs != 0 ] && [ ! -s "$tmp/hb" ]; then
      set +f
      refused=$((refused + 1)); continue
    fi
    # shellcheck disable=SC2086
    hb-shape --font-file="$font" --unicodes="$unicodes" $options -O json > "$tmp/hbj" 2> /dev/null
    hjs=$?
    args=$(printf '%s' "--font-file=$font;--unicodes=$unicodes"; for o in $options; do printf ';%s' "$o"; done)
    set +f
    [ $hs -gt $hb_worst ] && hb_worst=$hs
    [ $hjs -gt $hbj_worst ] && hbj_worst=$hjs
    cases=$((cases + 1))
    cat "$tmp/hb" >> "$tmp/want"; cat "$tmp/hbj" >> "$tmp/wantj"
    printf '%s\n' "$args" >> "$tmp/batch"
    printf '%s;-O;json\n' "$args" >> "$tmp/batchj"
    printf '%s\t%s\n' "$n" "$args" >> "$tmp/ids"
  done < "$tmp/lines"
  k=$(wc -l < "$tmp/ids")
  [ "$k" -gt 0 ] || continue
  "$loc" shape --batch < "$tmp/batch" > "$tmp/got" 2> /dev/null; ls=$?
  "$loc" shape --batch < "$tmp/batchj" > "$tmp/gotj" 2> /dev/null; ljs=$?
  if cmp -s "$tmp/want" "$tmp/got" && [ $ls = $hb_worst ] &&
     cmp -s "$tmp/wantj" "$tmp/gotj" && [ $ljs = $hbj_worst ]; then
    same=$((same + k)); same_json=$((same_json + k))
    continue
  fi
  # Case by case, to count and name the differences.
  while IFS='	' read -r n args; do
    printf '%s\n' "$args" > "$tmp/one"
    printf '%s;-O;json\n' "$args" > "$tmp/onej"
    hb-shape --batch < "$tmp/one" > "$tmp/hb" 2> /dev/null; hs=$?
    "$loc" shape --batch < "$tmp/one" > "$tmp/loc" 2> "$tmp/loc.err"; ls=$?
    hb-shape --batch < "$tmp/onej" > "$tmp/hbj" 2> /dev/null; hjs=$?
    "$loc" shape --batch < "$tmp/onej" > "$tmp/locj" 2> /dev/null; ljs=$?
    ok=1
    if cmp -s "$tmp/hb" "$tmp/loc" && [ $hs = $ls ]; then same=$((same + 1)); else ok=0; fi
    if cmp -s "$tmp/hbj" "$tmp/locj" && [ $hjs = $ljs ]; then same_json=$((same_json + 1)); else ok=0; fi
    if [ $ok = 0 ]; then
      failed=$((failed + 1))
      if [ $failed -le 20 ]; then
        echo "FAIL $(basename "$file"):$n: $args"
        echo "  hb-shape ($hs): $(head -c 300 "$tmp/hb")"
        echo "  loc ($ls): $(head -c 300 "$tmp/loc") $(head -c 200 "$tmp/loc.err")"
      fi
    fi
  done < "$tmp/ids"
done
echo "HarfBuzz suite: $cases cases hb-shape runs ($refused it refuses or whose font is absent);" \
  "loc = hb-shape on $same in text, $same_json in JSON; $failed differ"
[ -z "$DIFFERENCES" ] || echo "deliberate differences: $DIFFERENCES"
[ $failed = 0 ] && [ $cases -gt 0 ]
