#!/bin/sh
# `loc check` on a line far longer than the read block: checked piece by
# piece in bounded memory, with offsets and columns counted from the start
# of the line. Usage: long-line.sh LOC
set -eu
loc=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# 20,000,000 x "a", then e + COMBINING ACUTE, then U+00E9 (already NFC), then
# U+202E (unclosed override), then a second, short line
{ head -c 20000000 /dev/zero | tr '\0' a; printf 'e\314\201\303\251\342\200\256\nok\n'; } > "$tmp/in"
status=0
/usr/bin/time -f '%M' -o "$tmp/rss" "$loc" check --json "$tmp/in" > "$tmp/out" || status=$?
[ $status = 1 ] || { echo "FAIL: exit status $status, want 1"; exit 1; }
grep -q '"line":1,"col":20000001,"offset":20000000,"length":3,"rule":"not-nfc"' "$tmp/out" ||
  { echo "FAIL: not-nfc finding"; cat "$tmp/out"; exit 1; }
grep -q '"line":1,"col":20000004,"offset":20000005,"length":3,"rule":"bidi-unbalanced"' "$tmp/out" ||
  { echo "FAIL: bidi finding"; cat "$tmp/out"; exit 1; }
[ "$(wc -l < "$tmp/out")" = 3 ] || { echo "FAIL: want 3 findings"; cat "$tmp/out"; exit 1; }
rss=$(tail -n 1 "$tmp/rss")
[ "$rss" -lt 65536 ] || { echo "FAIL: peak RSS $rss KB (want < 64 MB)"; exit 1; }
# --fix keeps the line whole
"$loc" check --fix "$tmp/in" 2>/dev/null > "$tmp/fixed" || true
[ "$(wc -c < "$tmp/fixed")" = $(( $(wc -c < "$tmp/in") - 1 )) ] ||
  { echo "FAIL: fixed size $(wc -c < "$tmp/fixed")"; exit 1; }
echo "ok: peak RSS $rss KB"
