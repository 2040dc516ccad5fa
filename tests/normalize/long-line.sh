#!/bin/sh
# `loc normalize` on lines far longer than the reader's 1 MiB block:
#  1. a 100 MB line without '\n' (Latin letters with stacked combining marks)
#     must come out as the same text normalized in small pieces, with peak
#     RSS under 64 MB;
#  2. --check and invalid-UTF-8 reports must give the right column and byte
#     offset deep inside a long line.
# Usage: long-line.sh LOC. Skipped (77) without /usr/bin/time.
set -u
loc=$1
[ -x /usr/bin/time ] || { echo "no /usr/bin/time: skipped"; exit 77; }
command -v sha256sum > /dev/null || { echo "no sha256sum: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# A unit of NFC text that starts with a starter, so NFD(unit^n) = NFD(unit)^n.
# It mixes precomposed letters (NFD decomposes them) with marks in
# non-canonical order (NFD reorders them); the reader's cuts land anywhere.
printf 'All human beings are born free and equal in dignity and rights; ça, déjà vu, ở ặ q\314\207\314\243 d\314\207\314\243 ǖ ŋ\314\201. ' > "$tmp/unit"
double() { # FILE TIMES: FILE repeated 2^TIMES times, in place
  k=0
  while [ $k -lt "$2" ]; do cat "$1" "$1" > "$1.2"; mv "$1.2" "$1"; k=$((k + 1)); done
}
repeat() { # FILE N
  k=0
  while [ $k -lt "$2" ]; do cat "$1"; k=$((k + 1)); done
}
cp "$tmp/unit" "$tmp/block"; double "$tmp/block" 13
reps=$((100000000 / $(wc -c < "$tmp/block") + 1))
repeat "$tmp/block" $reps > "$tmp/line"
size=$(wc -c < "$tmp/line")
[ "$size" -gt 100000000 ] || fail "input only $size bytes"

"$loc" normalize -f nfd "$tmp/unit" > "$tmp/unit.nfd" || fail "small unit"
if command -v uconv > /dev/null; then
  uconv -f utf-8 -t utf-8 -x nfd < "$tmp/unit" > "$tmp/unit.uconv"
  cmp -s "$tmp/unit.nfd" "$tmp/unit.uconv" || fail "loc and uconv disagree on the unit"
fi
/usr/bin/time -f %M -o "$tmp/rss" "$loc" normalize -f nfd "$tmp/line" > "$tmp/out" ||
  fail "loc normalize exited $?"
got=$(sha256sum < "$tmp/out")
cp "$tmp/unit.nfd" "$tmp/block.nfd"; double "$tmp/block.nfd" 13
want=$(repeat "$tmp/block.nfd" $reps | sha256sum)
[ "$got" = "$want" ] || fail "100 MB line: output differs from the piecewise reference"
rss=$(tail -n 1 "$tmp/rss")
echo "100 MB line: $size bytes in, $(wc -c < "$tmp/out") out, peak RSS ${rss} KB"
[ "$rss" -lt 65536 ] || fail "peak RSS ${rss} KB >= 64 MB"

# 2.5 MiB of 'a', then é (not NFD) and an invalid byte, then more text.
head -c 2621440 /dev/zero | tr '\0' a > "$tmp/as"
{ cat "$tmp/as"; printf 'b\303\251c\377d'; cat "$tmp/as"; printf '\n2nd e\314\201\n'; } > "$tmp/mixed"
"$loc" normalize --check -f nfd "$tmp/mixed" > "$tmp/out" 2> "$tmp/err"
st=$?
col=$((2621440 + 2))
printf 'loc: %s:1:%d: invalid UTF-8: byte 0xFF at byte offset %d\nloc: %s:1:%d: not in NFD\n' \
  "$tmp/mixed" $((col + 2)) $((2621440 + 4)) "$tmp/mixed" $col > "$tmp/want"
[ $st = 1 ] || fail "--check: status $st"
[ ! -s "$tmp/out" ] || fail "--check wrote text"
cmp -s "$tmp/err" "$tmp/want" || { diff "$tmp/want" "$tmp/err"; fail "--check diagnostics"; }

# Without --check: the bad byte is reported and copied, the rest normalized.
"$loc" normalize -f nfd "$tmp/mixed" > "$tmp/out" 2> "$tmp/err"
[ $? = 1 ] || fail "invalid byte in a long line: status"
{ cat "$tmp/as"; printf 'be\314\201c\377d'; cat "$tmp/as"; printf '\n2nd e\314\201\n'; } > "$tmp/want"
cmp -s "$tmp/out" "$tmp/want" || fail "long line with an invalid byte: output"
[ "$(wc -l < "$tmp/err")" = 1 ] || fail "long line with an invalid byte: report"
echo "long lines: ok"
