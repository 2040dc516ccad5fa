#!/bin/sh
# `loc key` on lines longer than the read block: the key of a line made of
# N copies of a unit is N copies of the unit's key (the cuts fall between
# units), memory stays bounded, and text with no place to cut in 4 MiB is
# keyed apart and reported.
# Usage: long-line.sh LOC
set -eu
loc=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# repeat STRING N OUT: N copies of STRING (no newline in it), then '\n'.
repeat() {
  yes "$1" | head -n "$2" | tr -d '\n' > "$3"
  echo >> "$3"
}

check() { # NAME UNIT COPIES
  name=$1
  key=$(printf '%s\n' "$2" | "$loc" key)
  repeat "$2" "$3" "$tmp/line"
  repeat "$key" "$3" "$tmp/want"
  if command -v /usr/bin/time >/dev/null 2>&1; then
    /usr/bin/time -f %M -o "$tmp/rss" "$loc" key "$tmp/line" > "$tmp/got"
    rss=$(cat "$tmp/rss")
  else
    "$loc" key "$tmp/line" > "$tmp/got"; rss=0
  fi
  cmp -s "$tmp/got" "$tmp/want" || fail "$name: key differs from the unit's key repeated"
  [ "$rss" -lt 65536 ] || fail "$name: peak RSS $rss KiB"
  echo "ok: $name: $(wc -c < "$tmp/line") bytes, peak RSS ${rss} KiB"
}

# Mixed text: cuts between ASCII pairs.
check latin-khmer 'Straße ﬁne  ស្រ្តី  ေကြာင်း. ' 40000
# No ASCII pair: single spaces between Khmer words (cuts next to a space).
check khmer 'ស្រ្តី កា្ក ' 150000

# 5 MiB of Khmer with no space: no safe cut, keyed apart and reported.
repeat 'ស្រ្តី' 300000 "$tmp/nocut"
st=0
"$loc" key "$tmp/nocut" > "$tmp/got" 2> "$tmp/err" || st=$?
[ $st = 1 ] || fail "no-cut: exit status $st, want 1"
grep -q 'nocut:1:[0-9]*: no place to cut the key in [0-9]* bytes; keyed apart from byte offset' "$tmp/err" || fail "no-cut: no report: $(cat "$tmp/err")"
[ "$(wc -l < "$tmp/got")" = 1 ] || fail "no-cut: not one output line"
echo "ok: no-cut: $(cat "$tmp/err")"
