#!/bin/sh
# `loc idn confusables` on the known homograph attacks of known-attacks.tsv:
# with every registered name of the list in the index, each attack must find
# its registered name by the key the list gives.
# Usage: known-attacks.sh LOC LIST
set -u
loc=$1 list=$2
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
grep -v '^#' "$list" | cut -f1 | sort -u > "$tmp/registered"
grep -v '^#' "$list" | cut -f2 > "$tmp/attacks"
"$loc" idn confusables --against "$tmp/registered" < "$tmp/attacks" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -le 1 ] || { echo "loc failed with status $st"; cat "$tmp/err"; exit 1; }
grep -v '^#' "$list" | paste - "$tmp/out" | awk -F'\t' '
  {
    want = $1; key = $3; found = ""
    # output: INPUT SKELETON COUNT then MATCH KEY DIFFS triples
    for (i = 8; i + 1 <= NF; i += 3) if ($i == want) found = $(i + 1)
    if (found != key) {
      printf "FAIL %s: expected %s by key %s, got %s\n", $2, want, key, found == "" ? "no match" : found
      bad++
    }
    n++
  }
  END { printf "%d of %d known attacks found by the expected key\n", n - bad, n; exit bad > 0 }'
