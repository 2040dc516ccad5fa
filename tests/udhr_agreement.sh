#!/bin/sh
# The dominant script `loc script --summary` finds in each UDHR declaration
# must match the script its language tag implies, for at least THRESHOLD of
# the declarations whose tag implies one. Every disagreement is printed.
# `loc normalize --check` runs over the same texts and must not fail either.
# Skipped (77) when scripts/setup has not fetched the corpus.
# Usage: udhr_agreement.sh LOC SRCDIR [THRESHOLD]
set -eu
loc=$1 src=$2 threshold=${3:-0.95}
udhr=$src/corpora/cache/udhr
if [ ! -f "$udhr/index.tsv" ]; then
  echo "SKIP: no UDHR corpus in $udhr (run scripts/setup)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Before `loc script` lands (branches built in parallel) there is nothing to
# measure; any other failure of the command is a failure of this test.
if ! printf 'abc\n' | "$loc" script --summary --json >/dev/null 2>"$tmp/probe"; then
  if grep -q 'not implemented yet' "$tmp/probe"; then
    echo "SKIP: loc script is not implemented in this build"
    exit 77
  fi
fi
rows=$tmp/rows
sh "$src/scripts/udhr-compare.sh" "$loc" "$udhr" "${LOC_JOBS:-2}" > "$rows"
LC_ALL=C awk -F '\t' -v threshold="$threshold" '
  # Both commands must run cleanly on every declaration (a crash or sanitizer
  # report makes a "?"), even though only the scripts are compared.
  $5 == "?" { nfailed++; print "loc normalize --check failed on " $1 }
  $3 == "?" { failed++; print "loc script failed on " $1 " (" $2 ")"; next }
  $6 == "-" { next }
  { judged++ }
  $6 == "yes" { agree++; next }
  { printf "disagree: %-16s %-11s expected %s, dominant %s  (%s)\n", $1, $2, $3, $4, $7 }
  END {
    if (nfailed) printf "FAIL: loc normalize --check failed on %d declarations\n", nfailed
    if (failed) printf "FAIL: loc script failed on %d declarations\n", failed
    if (failed || nfailed) exit 1
    if (!judged) { print "FAIL: no declaration has an expected script"; exit 1 }
    rate = agree / judged
    printf "agreement %d/%d = %.4f (threshold %s)\n", agree, judged, rate, threshold
    exit rate >= threshold + 0 ? 0 : 1
  }
' "$rows"
