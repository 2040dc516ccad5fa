#!/bin/sh
# `loc convert` on lines far longer than its blocks:
#  1. a 32 MB KOI8-R line without '\n' gives what uconv gives, with peak RSS
#     under 64 MB, and a bad byte deep inside it is reported with its column
#     and byte offset;
#  2. a 1.1 MB Zawgyi line (cut by the reader at 1 MiB and by the converter
#     near every 64 KB, at spaces, each cut converted behind the last word
#     of the one before) gives what uconv -x Zawgyi-my gives on the whole
#     line, with peak RSS under 64 MB.
# Usage: convert-long-line.sh LOC SRCDIR. Skipped (77) without /usr/bin/time,
# uconv, or (part 2) the myanmar-tools package.
set -u
loc=$1 src=$2
[ -x /usr/bin/time ] || { echo "no /usr/bin/time: skipped"; exit 77; }
command -v uconv > /dev/null || { echo "no uconv: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
double() { # FILE TIMES: FILE repeated 2^TIMES times, in place
  k=0
  while [ $k -lt "$2" ]; do cat "$1" "$1" > "$1.2"; mv "$1.2" "$1"; k=$((k + 1)); done
}

# 1. "Привет, мир! " in KOI8-R, 2^21 times = 27 MB, then one bad byte.
printf '\360\322\311\327\305\324, \315\311\322! ' > "$tmp/k"
double "$tmp/k" 21
units=$(( $(wc -c < "$tmp/k") / 13 ))
cp "$tmp/k" "$tmp/bad"
printf 'x' >> "$tmp/bad"
/usr/bin/time -f %M -o "$tmp/rss" "$loc" convert --from KOI8-R "$tmp/k" > "$tmp/k.out" ||
  fail "loc convert --from KOI8-R failed"
uconv -f KOI8-R -t UTF-8 "$tmp/k" | cmp -s - "$tmp/k.out" || fail "KOI8-R output differs from uconv"
rss=$(cat "$tmp/rss")
[ "$rss" -lt 65536 ] || fail "KOI8-R: peak RSS $rss KiB"
echo "KOI8-R: $(wc -c < "$tmp/k") bytes in one line, same as uconv, peak RSS $rss KiB"
# A byte that is bad in UTF-8 after 27 MB of valid text.
uconv -f KOI8-R -t UTF-8 "$tmp/k" > "$tmp/u"
printf '\377' >> "$tmp/u"
"$loc" convert --from UTF-8 "$tmp/u" > /dev/null 2> "$tmp/err"
want="loc: $tmp/u:1:$(( units * 13 + 1 )): invalid UTF-8: byte 0xFF at byte offset $(( units * 22 ))"
[ "$(cat "$tmp/err")" = "$want" ] || fail "report '$(cat "$tmp/err")', expected '$want'"
echo "bad byte after $(( units * 22 )) bytes reported at the right column and offset"

# 2. Zawgyi.
zg=$src/corpora/cache/npm/myanmar-tools-1.2.0/package/resources/mmgov_zawgyi_src.txt
[ -f "$zg" ] || { echo "no myanmar-tools package: part 2 skipped"; exit 0; }
tr '\n' ' ' < "$zg" > "$tmp/z"
double "$tmp/z" 6
/usr/bin/time -f %M -o "$tmp/rss" "$loc" convert --from zawgyi "$tmp/z" > "$tmp/z.out" ||
  fail "loc convert --from zawgyi failed"
uconv -f UTF-8 -t UTF-8 -x Zawgyi-my "$tmp/z" > "$tmp/z.want"
cmp -s "$tmp/z.out" "$tmp/z.want" || fail "the long Zawgyi line differs from uconv -x Zawgyi-my"
rss=$(cat "$tmp/rss")
[ "$rss" -lt 65536 ] || fail "Zawgyi: peak RSS $rss KiB"
echo "Zawgyi: $(wc -c < "$tmp/z") bytes in one line, same as uconv, peak RSS $rss KiB"
