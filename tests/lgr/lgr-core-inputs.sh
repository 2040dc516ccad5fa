#!/bin/sh
# Every LGR file of lgr-core's tests ($LOC_SHARED_TESTDATA/ext/lgr-core/inputs/**)
# loads (faults lgr-core tolerates give warnings), except the one that is
# not an RFC 7940 document at all (Invalid-RNG-LGR.xml: another namespace).
# Usage: lgr-core-inputs.sh LOC     Exit 77 (skipped) without the test data.
set -u
loc=$1
dir=${LOC_SHARED_TESTDATA:-}/ext/lgr-core/inputs
[ -n "${LOC_SHARED_TESTDATA:-}" ] && [ -d "$dir" ] || { echo "no $dir: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
find "$dir" -name '*.xml' | LC_ALL=C sort > "$tmp/files"
total=0 loaded=0 refused=
while IFS= read -r f; do
  total=$((total + 1))
  "$loc" idn lgr --lgr "$f" a > /dev/null 2> "$tmp/err"
  status=$?
  if [ $status -le 1 ]; then
    loaded=$((loaded + 1))
  else
    refused="$refused ${f#"$dir"/}"
    echo "refused: $(head -n 1 "$tmp/err")"
  fi
done < "$tmp/files"
echo "lgr-core inputs: $loaded of $total load; refused:${refused:- none}"
[ "$total" = 91 ] && [ "$loaded" = 90 ] && [ "$refused" = " Invalid-RNG-LGR.xml" ] || exit 1
# The IDNA2008 check of --validate as lgr-core's compliance check: a char
# whose reflexive variant is out-of-repertoire is not checked.
status=0
for f in compliant: non_compliant:U+0041 non_compliant_idna2003:U+0041,U+0518; do
  got=$("$loc" idn lgr --validate "$dir/idna2008_compliance/${f%%:*}.xml" 2>/dev/null |
    awk -F'\t' '$1 == "idna2008" { print substr($3, 1, 6) }' | paste -sd, -)
  if [ "$got" = "${f#*:}" ]; then
    echo "idna2008_compliance/${f%%:*}.xml: IDNA2008 problems '${got}' as lgr-core"
  else
    echo "FAIL idna2008_compliance/${f%%:*}.xml: IDNA2008 problems '$got', lgr-core '${f#*:}'"
    status=1
  fi
done
exit $status
