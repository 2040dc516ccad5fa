#!/bin/sh
# lgr-core's label tests (transcribed LGRs in $LOC_SHARED_TESTDATA/ext/lgr-core/translated/)
# through `loc idn lgr` and `loc idn variants`, against the expected values in
# lgr-core-translated.tsv. Usage: lgr-core-translated.sh LOC TSV
# Exit 77 (skipped) when the shared test data is absent.
set -u
loc=$1 tsv=$2
dir=${LOC_SHARED_TESTDATA:-}/ext/lgr-core/translated
[ -n "${LOC_SHARED_TESTDATA:-}" ] && [ -d "$dir" ] || { echo "no $dir: skipped"; exit 77; }
tab=$(printf '\t')
pass=0 fail=0
while IFS="$tab" read -r file what label want; do
  case $file in '#'*|'') continue ;; esac
  case $what in
    disposition)
      line=$("$loc" idn lgr --lgr "$dir/$file" -- "$label" 2>/dev/null)
      disp=$(printf '%s\n' "$line" | cut -f2)
      cp=$(printf '%s\n' "$line" | cut -f3 | sed -n 's/^\(U+[0-9A-F]*\) .*not in the repertoire$/\1/p')
      got=$disp${cp:+ $cp} ;;
    index)
      got=$("$loc" idn lgr --lgr "$dir/$file" -- "$label" 2>/dev/null | cut -f4) ;;
    variants|variants-all)
      all=; [ "$what" = variants-all ] && all=--include-invalid
      got=$("$loc" idn variants $all --lgr "$dir/$file" -- "$label" 2>/dev/null |
        awk -F'\t' 'NR > 1 { print $2 "=" $3 }' | LC_ALL=C sort | paste -sd, -) ;;
    *) echo "bad row: $file $what"; exit 99 ;;
  esac
  if [ "$got" = "$want" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $file $what '$label': got '$got', expected '$want'"
  fi
done < "$tsv"
echo "lgr-core label tests: $pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
