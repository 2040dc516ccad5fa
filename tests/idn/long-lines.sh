#!/bin/sh
# `loc idn to-ascii` on hostile lists: a 20 MB line (longer than the
# reader's 1 MiB block) is one X_TOO_LONG result and is skipped to its end;
# a 1,000,000-byte line (inside the block) is one X_TOO_LONG result from the
# library; the three names around them are converted; peak RSS stays under 64 MB.
# Usage: long-lines.sh LOC. Skipped (77) without /usr/bin/time.
set -u
loc=$1
[ -x /usr/bin/time ] || { echo "no /usr/bin/time: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

{
  printf 'a.com\n'
  head -c 20000000 /dev/zero | tr '\0' 'x'
  printf '\nb.com\r\n'
  head -c 1000000 /dev/zero | tr '\0' 'y'
  printf '\nc.com'
} > "$tmp/in"

/usr/bin/time -f %M -o "$tmp/rss" "$loc" idn to-ascii < "$tmp/in" > "$tmp/out" 2> "$tmp/err"
st=$?
[ $st = 1 ] || fail "exit status $st, expected 1 (names rejected)"
[ "$(wc -l < "$tmp/out")" = 5 ] || fail "$(wc -l < "$tmp/out") output lines, expected 5"
[ "$(sed -n 1p "$tmp/out")" = "$(printf 'a.com\ta.com\tok\t')" ] || fail "line 1: $(sed -n 1p "$tmp/out")"
[ "$(sed -n 2p "$tmp/out")" = "$(printf '\t\terror\tX_TOO_LONG')" ] || fail "line 2: $(sed -n 2p "$tmp/out" | cut -c1-80)"
[ "$(sed -n 3p "$tmp/out")" = "$(printf 'b.com\tb.com\tok\t')" ] || fail "line 3: $(sed -n 3p "$tmp/out")"
sed -n 4p "$tmp/out" | grep -q "	error	X_TOO_LONG\$" || fail "line 4 is not X_TOO_LONG"
[ "$(sed -n 5p "$tmp/out")" = "$(printf 'c.com\tc.com\tok\t')" ] || fail "line 5: $(sed -n 5p "$tmp/out")"
grep -q '^loc: <stdin>:2:1: line longer than' "$tmp/err" || fail "no diagnostic for line 2: $(cat "$tmp/err")"
[ "$(wc -l < "$tmp/err")" = 1 ] || fail "the long line was reported $(wc -l < "$tmp/err") times"
rss=$(tail -n 1 "$tmp/rss")
[ "$rss" -lt 65536 ] || fail "peak RSS $rss KiB"
echo "ok: 5 results in order, peak RSS $rss KiB"
