#!/bin/sh
# `loc sort` joins the pieces of lines longer than the reader's 1 MiB block:
# three lines of 3 MiB that differ only at their ends (Swedish z < å < ö),
# given in the wrong order, come out whole and in order; an invalid byte deep
# inside one is reported at the right column and the line kept.
# Usage: long-line.sh LOC
set -u
loc=$1
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

head -c 3145728 /dev/zero | tr '\0' 'a' > "$tmp/body"
{ cat "$tmp/body"; printf '\303\266\n'      # ...ö
  cat "$tmp/body"; printf 'z\n'             # ...z
  cat "$tmp/body"; printf '\303\245'; } > "$tmp/in"   # ...å, no final \n
{ cat "$tmp/body"; printf 'z\n'
  cat "$tmp/body"; printf '\303\245\n'
  cat "$tmp/body"; printf '\303\266\n'; } > "$tmp/want"
"$loc" sort --lang sv "$tmp/in" > "$tmp/out" 2> "$tmp/err" || fail "exit status $?"
[ -s "$tmp/err" ] && fail "unexpected diagnostics: $(cat "$tmp/err")"
cmp -s "$tmp/out" "$tmp/want" || fail "long lines not joined or not in order"

# An invalid byte at byte 3145728 of line 2: column 3145729.
{ printf 'b\n'; cat "$tmp/body"; printf '\377\n'; } > "$tmp/bad"
"$loc" sort "$tmp/bad" > "$tmp/out" 2> "$tmp/err"
[ $? = 1 ] || fail "invalid UTF-8 should give exit status 1"
grep -q ":2:3145729: invalid UTF-8: byte 0xFF at byte offset 3145728" "$tmp/err" ||
  fail "wrong report: $(cat "$tmp/err")"
{ cat "$tmp/body"; printf '\377\n'; printf 'b\n'; } | cmp -s - "$tmp/out" ||
  fail "invalid line not kept byte for byte"
echo "sort long lines: ok"
