#!/bin/sh
# Chromium's IDN spoof-checker cases (../shared/testdata/ext/idn-spoof/cases.tsv,
# see its header) under a registry's policy: `loc idn check --max-level
# highly-restrictive`. A name is flagged when it is rejected or carries a
# warning. Prints recall (unsafe flagged) and false flags (safe flagged) by
# category, and the invalid cases rejected; fails when fewer than MIN_RECALL %
# of the unsafe cases or more than MAX_FALSE % of the safe ones are flagged,
# or an invalid case is accepted. Excluded cases (column exclude) are left out.
# Usage: spoof-cases.sh LOC [CASES.tsv] [--list]   (skipped, 77, without the file)
set -u
loc=$1
cases=${2:-${LOC_SHARED_TESTDATA:-../shared/testdata}/ext/idn-spoof/cases.tsv}
list=${3:-}
MIN_RECALL=95 MAX_FALSE=5
[ -f "$cases" ] || { echo "$cases absent: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
# input, expect, category of the scored cases
awk -F'\t' '!/^#/ && $1 != "input" && $6 == "" { print $1 "\t" $4 "\t" $5 }' "$cases" > "$tmp/scored"
cut -f1 "$tmp/scored" > "$tmp/names"
"$loc" idn check --max-level highly-restrictive < "$tmp/names" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st -le 1 ] || { echo "loc failed with status $st"; cat "$tmp/err"; exit 1; }
[ "$(wc -l < "$tmp/out")" = "$(wc -l < "$tmp/names")" ] || { echo "output lines differ from input lines"; exit 1; }
paste "$tmp/scored" "$tmp/out" | awk -F'\t' -v list="$list" -v minr=$MIN_RECALL -v maxf=$MAX_FALSE '
  {
    expect = $2; cat = $3; status = $6; codes = $7; warn = $9
    flagged = status == "error" || warn != ""
    key = expect "\t" cat
    n[key]++; f[key] += flagged
    tot[expect]++; fl[expect] += flagged
    if (list != "" && ((expect == "unsafe" && !flagged) || (expect == "safe" && flagged) || (expect == "invalid" && status != "error")))
      print "MISS\t" expect "\t" cat "\t" $1 "\t" $5 "\t" status "\t" codes "\t" $8 "\t" warn
  }
  END {
    for (k in n) printf "%-28s %3d of %3d flagged\n", k, f[k], n[k] | "sort"
    close("sort")
    printf "unsafe: %d of %d flagged (%.1f %%)\n", fl["unsafe"], tot["unsafe"], 100 * fl["unsafe"] / tot["unsafe"]
    printf "safe: %d of %d flagged (%.1f %%)\n", fl["safe"], tot["safe"], 100 * fl["safe"] / tot["safe"]
    printf "invalid: %d of %d rejected or flagged\n", fl["invalid"], tot["invalid"]
    bad = 100 * fl["unsafe"] < minr * tot["unsafe"] || 100 * fl["safe"] > maxf * tot["safe"] || fl["invalid"] < tot["invalid"]
    exit bad
  }'
