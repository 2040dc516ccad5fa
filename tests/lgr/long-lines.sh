#!/bin/sh
# `loc idn lgr` and `loc idn variants` on hostile lists: a 20 MB line (longer
# than the reader's 1 MiB block) gives one "line too long" result and is
# skipped; a 500,000-byte line (inside the block) is judged invalid (longer
# than 256 code points); the labels around them are judged; peak RSS stays
# under 64 MB. Usage: long-lines.sh LOC LGR. Skipped (77) without /usr/bin/time.
set -u
loc=$1 lgr=$2
[ -x /usr/bin/time ] || { echo "no /usr/bin/time: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
{
  printf 'foo\n'
  head -c 20000000 /dev/zero | tr '\0' 'x'
  printf '\nbar\r\n'
  head -c 500000 /dev/zero | tr '\0' 'y'
  printf '\nstrength'
} > "$tmp/in"
for sub in lgr variants; do
  /usr/bin/time -f '%M' -o "$tmp/rss" "$loc" idn $sub --lgr "$lgr" < "$tmp/in" > "$tmp/out" 2> "$tmp/err"
  status=$?
  [ $status = 1 ] || fail "$sub: exit status $status, expected 1"
  # result lines have 4 columns or more; variant lines 3
  got=$(awk -F '\t' 'NF >= 4 { print $1 " " $2 }' "$tmp/out" | tr '\n' '|')
  want='foo valid| invalid|bar valid|'"$(head -c 500000 /dev/zero | tr '\0' 'y')"' invalid|strength needs-review|'
  [ "$got" = "$want" ] || fail "$sub: results differ: $(echo "$got" | cut -c1-200)"
  grep -q 'line too long' "$tmp/out" || fail "$sub: no 'line too long' result"
  grep -q 'longer than 256 code points' "$tmp/out" || fail "$sub: no 'longer than 256' result"
  [ "$(grep -c . "$tmp/err")" = 1 ] && grep -q '<stdin>:2:1: line longer than 1048576 bytes' "$tmp/err" ||
    fail "$sub: stderr: $(head -c 300 "$tmp/err")"
  rss=$(tail -n 1 "$tmp/rss")
  [ "$rss" -lt 65536 ] || fail "$sub: peak RSS $rss KB"
  echo "$sub: ok, peak RSS $rss KB"
done
