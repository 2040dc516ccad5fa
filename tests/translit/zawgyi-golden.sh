#!/bin/sh
# myanmar-tools' golden conversion files, byte for byte, through ICU's
# Zawgyi transforms as `loc translit` runs them: Zawgyi-my on
# mmgov_zawgyi_src.txt gives mmgov_unicode_out.txt, and my-Zawgyi on
# udhr_mya_unicode_src.txt gives udhr_mya_zawgyi_out.txt. (Zawgyi-my reads
# digits and letters by the characters around them, across spaces: a cut in
# the wrong place turned the digit ၀ of ၀မ်း into the letter ဝ.)
# Skipped (77) without the pinned npm package myanmar-tools.
# Usage: zawgyi-golden.sh LOC SRCDIR
set -eu
loc=$1 src=$2
d=$src/corpora/cache/npm/myanmar-tools-1.2.0/package/resources
[ -f "$d/mmgov_zawgyi_src.txt" ] || { echo "SKIP: no myanmar-tools package (run scripts/setup)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
"$loc" translit -t Zawgyi-my "$d/mmgov_zawgyi_src.txt" > "$tmp/u"
if cmp "$tmp/u" "$d/mmgov_unicode_out.txt"; then
  echo "Zawgyi-my: mmgov_unicode_out.txt byte for byte"
else
  echo "FAIL: Zawgyi-my differs from mmgov_unicode_out.txt"; status=1
fi
"$loc" translit -t my-Zawgyi "$d/udhr_mya_unicode_src.txt" > "$tmp/z"
if cmp "$tmp/z" "$d/udhr_mya_zawgyi_out.txt"; then
  echo "my-Zawgyi: udhr_mya_zawgyi_out.txt byte for byte"
else
  echo "FAIL: my-Zawgyi differs from udhr_mya_zawgyi_out.txt"; status=1
fi
exit $status
