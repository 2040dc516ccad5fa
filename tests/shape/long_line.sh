#!/bin/sh
# `loc shape` and its per-line limit (--max-line, default 4 MiB):
#  1. lines up to the limit are shaped exactly as hb-shape shapes them, a
#     longer one is reported with its line number and length (exit 1) and
#     gives no output line, and the lines after it go on;
#  2. a 50 MB line is refused with bounded memory (peak RSS < 64 MB; shaped
#     whole it took 2 GB);
#  3. a line just under the default limit is shaped as hb-shape shapes it.
# Skipped (77) without hb-shape, /usr/bin/time or the Noto Devanagari font.
# Usage: long_line.sh LOC
set -u
loc=$1
font=/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf
[ -f "$font" ] || { echo "SKIP: $font not installed"; exit 77; }
command -v hb-shape >/dev/null 2>&1 || { echo "SKIP: no hb-shape"; exit 77; }
[ -x /usr/bin/time ] || { echo "SKIP: no /usr/bin/time"; exit 77; }
LC_ALL=C.UTF-8; export LC_ALL
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
line() { # BYTES (a multiple of 9): 'कि ab' (9 bytes) repeated
  yes 'कि ab' | tr -d '\n' | head -c "$1"
}

# 1. --max-line 3000: 2,997 bytes shaped, 3,006 refused, then a short line.
{ line 2997; echo; line 3006; echo; echo 'अब'; } > "$tmp/in"
hb-shape --font-file="$font" < "$tmp/in" > "$tmp/hb" || fail "hb-shape"
"$loc" shape --font "$font" --max-line 3000 < "$tmp/in" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st = 1 ] || fail "status $st for a line over --max-line, expected 1"
[ "$(cat "$tmp/err")" = "loc: <stdin>:2:1: line of 3006 bytes is longer than the 3000 bytes loc shape takes (--max-line); not shaped" ] ||
  fail "message: $(cat "$tmp/err")"
sed -n '1p;3p' "$tmp/hb" > "$tmp/hb13"
cmp -s "$tmp/hb13" "$tmp/out" || fail "lines 1 and 3 differ from hb-shape's"
# The same through TEXT operands and -u (one line each).
"$loc" shape --font "$font" --max-line 10 'abcdefghijk' > "$tmp/out" 2> "$tmp/err"
[ $? = 1 ] && [ ! -s "$tmp/out" ] && grep -q '<argument>:1:1: line of 11 bytes' "$tmp/err" ||
  fail "a TEXT operand over --max-line: $(cat "$tmp/err")"

# 2. A 50 MB line: refused, memory bounded.
{ line 50000004; echo; echo 'अब'; } > "$tmp/big"
/usr/bin/time -f %M -o "$tmp/rss" "$loc" shape --font "$font" < "$tmp/big" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st = 1 ] || fail "status $st for a 50 MB line"
grep -q '<stdin>:1:1: line of 50000004 bytes is longer than the 4194304 bytes' "$tmp/err" ||
  fail "50 MB line: $(head -c 300 "$tmp/err")"
printf 'अब\n' | hb-shape --font-file="$font" > "$tmp/hb"
cmp -s "$tmp/hb" "$tmp/out" || fail "the line after the 50 MB one"
rss=$(tail -1 "$tmp/rss")
[ "$rss" -lt 65536 ] || fail "peak RSS ${rss} KB for a refused 50 MB line (limit 64 MB)"
echo "50 MB line refused, peak RSS ${rss} KB"

# 3. Just under the default limit: shaped as hb-shape does.
line 4194297 > "$tmp/edge"; echo >> "$tmp/edge"
hb-shape --font-file="$font" < "$tmp/edge" > "$tmp/hb"
/usr/bin/time -f %M -o "$tmp/rss" "$loc" shape --font "$font" < "$tmp/edge" > "$tmp/out" ||
  fail "a line under the limit"
cmp -s "$tmp/hb" "$tmp/out" || fail "a 4,194,297-byte line differs from hb-shape's"
echo "4,194,297-byte line as hb-shape, peak RSS $(tail -1 "$tmp/rss") KB"
