#!/bin/sh
# `loc segment` on lines far longer than the reader's 1 MiB block:
#  1. words and line-break opportunities of a 6 MB line (a unit of Latin,
#     Thai, Lao, Khmer and Japanese text repeated) are the unit's segments
#     repeated: the reader's cuts, which fall inside dictionary runs, do not
#     move a boundary; peak RSS stays under 64 MB;
#  2. a sentence longer than 1 MiB is cut at the limit and reported (exit 1),
#     with every byte still in exactly one segment.
#  3. lines of 3 MB without a space in Thai, Khmer and Chinese (dictionary
#     runs that the reader cuts anywhere) give the same words and line breaks
#     as the library on the whole text at once (WHOLE_ENDS).
# Usage: long-line.sh LOC WHOLE_ENDS. Skipped (77) without /usr/bin/time.
set -u
loc=$1 whole=$2
[ -x /usr/bin/time ] || { echo "no /usr/bin/time: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
double() { # FILE TIMES: FILE repeated 2^TIMES times, in place
  k=0
  while [ $k -lt "$2" ]; do cat "$1" "$1" > "$1.2"; mv "$1.2" "$1"; k=$((k + 1)); done
}

# Every unit ends with a space, and each word is followed by one, so the
# segments of unit^n are the unit's segments n times.
printf 'Hello, world 3.14 ภาษาไทยง่ายนิดเดียว ສະບາຍດີປະເທດລາວ ខ្ញុំស្រឡាញ់ប្រទេសកម្ពុជា 日本語のテキストです ' > "$tmp/unit"
cp "$tmp/unit" "$tmp/line"; double "$tmp/line" 15
size=$(wc -c < "$tmp/line")
[ "$size" -gt 5000000 ] || fail "input only $size bytes"
for by in word line; do
  "$loc" segment --by "$by" "$tmp/unit" | sed '$d' > "$tmp/unit.$by" || fail "unit --by $by"
  cp "$tmp/unit.$by" "$tmp/want.$by"; double "$tmp/want.$by" 15; echo >> "$tmp/want.$by"
  /usr/bin/time -f %M -o "$tmp/rss" "$loc" segment --by "$by" "$tmp/line" > "$tmp/out.$by" ||
    fail "--by $by on the long line: exit status $?"
  cmp -s "$tmp/want.$by" "$tmp/out.$by" || fail "--by $by: long line differs from the unit's segments repeated"
  rss=$(cat "$tmp/rss")
  [ "$rss" -lt 65536 ] || fail "--by $by: peak RSS $rss KiB"
  echo "--by $by: $size bytes, $(wc -l < "$tmp/out.$by") output lines, peak RSS $rss KiB"
done

# One 2.4 MB sentence (no terminator): cut once at 1 MiB and reported.
printf 'word ' > "$tmp/s"; double "$tmp/s" 19
"$loc" segment --by sentence --json "$tmp/s" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st = 1 ] || fail "long sentence: exit status $st, expected 1"
grep -q '^loc: .*:1:[0-9]*: segment longer than 1048576 bytes, cut at byte offset' "$tmp/err" ||
  fail "long sentence: no report: $(cat "$tmp/err")"
ends=$(tr '{' '\n' < "$tmp/out" | sed -n 's/.*"end":\([0-9]*\).*/\1/p' | tail -1)
[ "$ends" = "$(($(wc -c < "$tmp/s")))" ] || fail "long sentence: last segment ends at $ends"
starts=$(tr '{' '\n' < "$tmp/out" | sed -n 's/.*"start":\([0-9]*\),"end":\([0-9]*\).*/\1 \2/p' |
  awk 'NR == 1 && $1 != 0 { bad = 1 } NR > 1 && $1 != prev { bad = 1 } { prev = $2 }
       END { print bad ? "gap" : "ok" }')
[ "$starts" = ok ] || fail "long sentence: segments not contiguous"
echo "long sentence: $(cat "$tmp/err" | wc -l) cut(s) reported"

# Dictionary runs across the reader's cuts.
for unit in 'ภาษาไทยง่ายนิดเดียวฉันรักประเทศไทย' 'ខ្ញុំស្រឡាញ់ប្រទេសកម្ពុជា' '中文分词测试我们爱自然语言处理'; do
  printf '%s' "$unit" > "$tmp/d"; double "$tmp/d" 15
  for by in word line; do
    "$whole" "$by" "$tmp/d" > "$tmp/want" || fail "whole_ends $by"
    "$loc" segment --by "$by" --json "$tmp/d" | tr '{' '\n' |
      sed -n 's/.*"end":\([0-9]*\).*/\1/p' > "$tmp/got"
    cmp -s "$tmp/want" "$tmp/got" ||
      fail "--by $by: $(wc -c < "$tmp/d")-byte line of '$unit' differs from the whole-text segments"
  done
  echo "dictionary line '$unit'x32768: same words and line breaks as the whole text"
done
echo "ok"
