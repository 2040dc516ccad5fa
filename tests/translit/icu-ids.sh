#!/bin/bash
# Every ICU system transform, line for line, against ICU itself: on a
# multi-script sample of the pinned UDHR corpus (lines 2-6 of the first
# declaration of each dominant script, in file order), `loc translit -t ID`
# must print for each line what ICU's transform makes of that line whole
# (icu_ref: utrans_transUChars on the line, ICU alone).
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

declare -A known
while IFS=$'\t' read -r id reason; do
  case $id in ''|'#'*) continue ;; esac
  known[$id]=$reason
done < "$here/known-differences.txt"

"$loc" translit --list | awk -F'\t' '$2 !~ /^libloc:/ {print $1}' > "$tmp/ids"
agree=0 differ=0 comparable=0 checked=0 status=0
: > "$tmp/report"
while IFS= read -r id; do
  if ! "$ref" "$id" "$tmp/sample" > "$tmp/r" 2> /dev/null; then
    echo "$id	not comparable (ICU cannot open it)" >> "$tmp/report"
    continue
  fi
  comparable=$((comparable + 1))
  # The reference against uconv, where uconv transforms lines whole.
  if [ "$(printf 'a\n' | uconv -f utf-8 -t utf-8 -x "$id" | od -An -c | tr -d ' ')" = "$(printf 'a\n' | "$ref" "$id" /dev/stdin | od -An -c | tr -d ' ')" ]; then
    uconv -f utf-8 -t utf-8 -x "$id" "$tmp/uncut" > "$tmp/u" 2> /dev/null
    "$ref" "$id" "$tmp/uncut" > "$tmp/ru"
    if ! cmp -s "$tmp/u" "$tmp/ru"; then
      echo "FAIL: icu_ref and uconv differ on $id:"
      diff "$tmp/u" "$tmp/ru" | head -4 | cut -c1-200
      status=1
    fi
    checked=$((checked + 1))
  fi
  "$loc" translit -t "$id" --invalid=replace "$tmp/sample" > "$tmp/l" 2> "$tmp/err" ||
    echo "$id	loc failed: $(head -c 200 "$tmp/err")" >> "$tmp/report"
  if cmp -s "$tmp/r" "$tmp/l"; then
    agree=$((agree + 1))
    if [ -n "${known[$id]+x}" ]; then
      echo "FAIL: $id is listed in known-differences.txt but agrees with ICU"
      status=1
    fi
  else
    differ=$((differ + 1))
    n=$(diff "$tmp/r" "$tmp/l" | grep -c '^<')
    echo "$id	differs on $n of $nlines lines" >> "$tmp/report"
    if [ -z "${known[$id]+x}" ]; then
      echo "FAIL: $id differs from ICU on $n of $nlines lines:"
      diff "$tmp/r" "$tmp/l" | head -4 | cut -c1-200
      status=1
    fi
  fi
done < "$tmp/ids"
echo "sample: $nlines lines in $nscripts scripts ($nuncut that uconv does not cut)"
echo "reference checked against uconv on $checked IDs"
echo "IDs agreeing with ICU line for line: $agree of $comparable comparable ($differ differ, ${#known[@]} listed)"
[ -z "$report" ] || cp "$tmp/report" "$report"
exit $status
