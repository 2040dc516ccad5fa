#!/bin/sh
# `loc fontcheck --text`:
#  1. ill-formed UTF-8 is reported at its own line and column (it was
#     reported at line 1 with a column counted across the whole file);
#  2. a 50 MB line is shaped in pieces (as `render` lays out long
#     paragraphs): every character counted, peak RSS under 160 MB (the file
#     itself is read whole; shaped whole the line took 633 MB).
# Skipped (77) without /usr/bin/time or the Noto Devanagari font.
# Usage: fontcheck_text.sh LOC
set -u
loc=$1
font=/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf
[ -f "$font" ] || { echo "SKIP: $font not installed"; exit 77; }
[ -x /usr/bin/time ] || { echo "SKIP: no /usr/bin/time"; exit 77; }
LC_ALL=C.UTF-8; export LC_ALL
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

printf 'नमस्ते\nक\377ख\nअब \376\n' > "$tmp/bad.txt"
"$loc" fontcheck --font "$font" --lang hi --text "$tmp/bad.txt" > "$tmp/out" 2> "$tmp/err"
want="loc: $tmp/bad.txt:2:2: invalid UTF-8: byte 0xFF at byte offset 3
loc: $tmp/bad.txt:3:4: invalid UTF-8: byte 0xFE at byte offset 7"
[ "$(cat "$tmp/err")" = "$want" ] || fail "reports: $(cat "$tmp/err")"

# 'कि ' is 7 bytes, 3 characters: 49,999,999 bytes are 21,428,571 characters.
yes 'कि ' | tr -d '\n' | head -c 49999999 > "$tmp/big.txt"
/usr/bin/time -f %M -o "$tmp/rss" "$loc" fontcheck --json --font "$font" --lang hi \
  --text "$tmp/big.txt" > "$tmp/out" 2> "$tmp/err" || fail "status $? on a 50 MB line: $(head -c 300 "$tmp/err")"
grep -q '"text_chars":21428571[,}]' "$tmp/out" || fail "characters counted: $(cat "$tmp/out")"
grep -q '"notdef":0,' "$tmp/out" || fail "pieces cut inside a cluster: $(cat "$tmp/out")"
rss=$(tail -1 "$tmp/rss")
[ "$rss" -lt 163840 ] || fail "peak RSS ${rss} KB on a 50 MB line (limit 160 MB)"
echo "50 MB line in pieces: peak RSS ${rss} KB"
