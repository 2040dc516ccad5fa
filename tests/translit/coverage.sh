#!/bin/sh
# Coverage of `loc translit -t Any-Latin` over the UDHR corpus: every
# declaration is romanized (in one run of loc), then the letters of scripts
# other than Latin left in each are counted. Fails when more declarations
# than MAX_FAILING keep more than 1 non-Latin letter in 1000.
# Skipped (77) without the corpus that scripts/setup fetches.
# Usage: coverage.sh LOC LETTERS SRCDIR MAX_FAILING [REPORT]
set -eu
loc=$1 letters=$2 src=$3 max=$4 report=${5:-}
dir=$src/corpora/cache/udhr/txt
if [ ! -d "$dir" ]; then
  echo "SKIP: $dir is missing (run scripts/setup)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$dir"/*.txt; do
  printf '\n@@FILE %s\n' "$(basename "$f" .txt)"
  cat "$f"
done > "$tmp/in.txt"
"$loc" translit -t Any-Latin --invalid=replace "$tmp/in.txt" > "$tmp/out.txt"
status=0
"$letters" "$tmp/out.txt" "$tmp/in.txt" "$max" > "$tmp/report.txt" || status=$?
grep -E ' FAIL|^scripts|^declarations|^FAIL' "$tmp/report.txt" || true
if [ -n "$report" ]; then cp "$tmp/report.txt" "$report"; fi
exit $status
