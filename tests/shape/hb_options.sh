#!/bin/sh
# The hb-shape 6.0 options HarfBuzz's suite does not exercise, each compared
# with the installed hb-shape (stdout and exit status): input from a file or
# as one paragraph, context, prefixes, trace, iterations, output file and
# format parsing, shapers, font functions, --batch.
# Skipped (77) without hb-shape or Noto Sans Arabic.
# Usage: hb_options.sh LOC
set -u
loc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
font=/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf
[ -f "$font" ] || { echo "SKIP: $font not installed"; exit 77; }
command -v hb-shape >/dev/null 2>&1 || { echo "SKIP: no hb-shape"; exit 77; }
LC_ALL=C.UTF-8; export LC_ALL
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
printf 'بت\nتب abc\n\nب' > in.txt
n=0 fail=0
same() { # ARGS...: both programs, standard input from in.txt
  n=$((n + 1))
  hb-shape "$@" < in.txt > hb.out 2> /dev/null; hs=$?
  "$loc" shape "$@" < in.txt > loc.out 2> loc.err; ls=$?
  if ! cmp -s hb.out loc.out || [ $hs != $ls ]; then
    fail=$((fail + 1))
    echo "FAIL ($hs/$ls): $*"; diff hb.out loc.out | head -6; head -3 loc.err
  fi
}
same "$font"
same "$font" --text-file=in.txt
same "$font" --text-file=-
same "$font" --single-par
same "$font" --text-file=in.txt --single-par
same "$font" --show-text --show-unicode --show-line-num
same "$font" --verbose -O json
same "$font" -v
same "$font" --text-before=ب --text-after=ب --text=ت
same "$font" --unicodes-before=0628 --unicodes-after=U+0628 -u 062A
same "$font" -u '<U+0628 U+062A>'
same "$font" -u '*'
same "$font" -n 3 --text=بت
same "$font" --verify
same "$font" --invisible-glyph=3 --not-found-glyph=2 -u 200B,0041,0628
same "$font" --list-shapers
same "$font" -O ''
same "$font" -O JSONX
same "$font" --shapers=fallback,ot
same "$font" --shaper=fallback --no-positions
same "$font" --shapers=graphite2
same "$font" --safe-to-insert-tatweel --unsafe-to-concat --show-flags
same "$font" --font-ppem=12,14 --font-size=12
same "$font" --font-funcs=ft --ft-load-flags=0 --font-size=13 --show-extents
same "$font" --font-funcs=ft --variations=wght=700
same "$font" --font-slant=0.3 --show-extents
same "$font" --font-ptem=12
same "$font" --trace
same "$font" --trace -O json --no-glyph-names
same "$font" --cluster-level=3 --utf8-clusters
same "$font" --features='"-liga,kern"'
same "$font" 'بت'
same "$font" --text=''
n=$((n + 1))
"$loc" shape "$font" -o loc.json < in.txt && hb-shape "$font" -o hb.json < in.txt &&
  cmp -s hb.json loc.json || { fail=$((fail + 1)); echo "FAIL: -o FILE.json"; }
n=$((n + 1))
printf -- '--font-file=%s;--text=بت\n%s;-u;0628,062A;-O;json;;--no-glyph-names\n' "$font" "$font" > batch.txt
hb-shape --batch < batch.txt > hb.out && "$loc" shape --batch < batch.txt > loc.out &&
  cmp -s hb.out loc.out || { fail=$((fail + 1)); echo "FAIL: --batch"; diff hb.out loc.out | head; }
echo "$((n - fail)) of $n option sets as hb-shape"
[ $fail = 0 ]
