#!/bin/sh
# False positives of `loc check` on clean text: the UDHR corpus, all rules.
# Prints findings per rule and per MB, and fails when the error-level
# findings exceed MAX_ERRORS or the warnings other than not-nfc (the corpus
# has texts in NFD: true findings) exceed MAX_WARN. Thresholds are measured;
# docs/check.md explains each finding that remains. With --by-script (not
# run by meson: one `loc script` per file) also per dominant script.
# Skipped (77) when scripts/setup has not fetched the corpus.
# Usage: udhr.sh [--by-script] LOC SRCDIR MAX_ERRORS MAX_WARN
set -eu
by_script=0
[ "$1" = --by-script ] && { by_script=1; shift; }
loc=$1 src=$2 max_errors=$3 max_warn=$4
txt=$src/corpora/cache/udhr/txt
if [ ! -d "$txt" ]; then
  echo "SKIP: no UDHR corpus in $txt (run scripts/setup)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# exit status 1 means error-level findings, which are counted below
status=0
"$loc" check --json "$txt"/*.txt > "$tmp/findings" || status=$?
[ "$status" -le 1 ] || { echo "FAIL: loc check exited with $status"; exit 1; }
for f in "$txt"/*.txt; do
  s=all
  [ $by_script = 1 ] &&
    s=$("$loc" script --summary --json "$f" | sed -n 's/.*"dominant":"\([A-Za-z]*\)".*/\1/p')
  printf '%s\t%s\t%s\n' "$f" "${s:-Zzzz}" "$(wc -c < "$f")"
done > "$tmp/scripts"
sed -n 's/^{"file":"\([^"]*\)".*"rule":"\([^"]*\)","severity":"\([a-z]*\)".*/\1\t\2\t\3/p' \
  "$tmp/findings" > "$tmp/rows"
awk -F'\t' -v max_errors="$max_errors" -v max_warn="$max_warn" '
  FNR == NR { script[$1] = $2; bytes[$2] += $3; total += $3; next }
  { s = script[$1]; n[s, $3]++; all[$3]++; rule[$2 " " $3]++
    if ($2 != "not-nfc") { m[s, $3]++; other[$3]++ }
    if ($3 == "error") print "error: " $1 " [" $2 "]" }
  END {
    for (r in rule) printf "rule %-28s %6d\n", r, rule[r]
    printf "%-6s %8s %21s %21s %21s\n", "script", "MB", "error/MB", "warning/MB", "info/MB"
    printf "%-6s %8s %21s %21s %21s\n", "", "", "(without not-nfc)", "(without not-nfc)", ""
    for (s in bytes) {
      mb = bytes[s] / 1e6
      printf "%-6s %8.3f %10.1f (%8.1f) %10.1f (%8.1f) %10.1f\n", s, mb, n[s, "error"] / mb,
             m[s, "error"] / mb, n[s, "warning"] / mb, m[s, "warning"] / mb, n[s, "info"] / mb
    }
    printf "errors: %d (at most %d); warnings other than not-nfc: %d (at most %d)\n",
           all["error"], max_errors, other["warning"], max_warn
    if (all["error"] > max_errors || other["warning"] > max_warn) exit 1
  }' "$tmp/scripts" "$tmp/rows"
