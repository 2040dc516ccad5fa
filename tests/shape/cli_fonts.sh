#!/bin/sh
# `loc shape` cases that need installed Noto fonts (skipped, 77, without):
# --runs on mixed lines, invalid UTF-8, TEXT operands with newlines.
set -u
loc=$1
noto=/usr/share/fonts/truetype/noto
for f in NotoSansArabic-Regular.ttf NotoSansDevanagari-Regular.ttf; do
  [ -f "$noto/$f" ] || { echo "SKIP: $noto/$f not installed"; exit 77; }
done
ar=$noto/NotoSansArabic-Regular.ttf deva=$noto/NotoSansDevanagari-Regular.ttf
LC_ALL=C.UTF-8; export LC_ALL
fail=0
check() { # NAME WANT GOT
  if [ "$2" != "$3" ]; then
    printf 'FAIL %s\n  want: %s\n  got:  %s\n' "$1" "$2" "$3"; fail=1
  fi
}
# Arabic paragraph with digits and Latin: RTL paragraph, runs left to right
# on screen are "abc", " ", "123", " مرحبا"; digits keep their LTR order.
got=$("$loc" shape --font "$ar" --runs --no-positions 'مرحبا 123 abc')
check runs-arabic '[.notdef=10|.notdef=11|.notdef=12] [space=9] [one=6|two=7|three=8] [space=5|uniFE8E=4|uniFE92=3|uniFEA3=2|uniFEAE=1|uniFEE3=0]' "$got"
got=$("$loc" shape --font "$ar" --runs --json --no-positions --no-glyph-names 'ab بب')
check runs-json '{"line":1,"runs":[{"start":0,"end":3,"level":0,"script":"Latn","glyphs":[{"g":0,"cl":0},{"g":0,"cl":1},{"g":3,"cl":2}]},{"start":3,"end":7,"level":1,"script":"Arab","glyphs":[{"g":101,"cl":4},{"g":102,"cl":3}]}]}' "$got"
# Without --runs the whole line is one buffer, as hb-shape does.
got=$("$loc" shape --font "$ar" --no-positions 'بب')
check whole-line '[uniFE90=1|uniFE91=0]' "$got"
# Ill-formed UTF-8: reported, exit 1, shaped as HarfBuzz decodes it.
got=$(printf 'a\377\n' | "$loc" shape --font "$deva" --no-positions 2>&1; echo "status $?")
check invalid "$(printf 'loc: <stdin>:1:2: invalid UTF-8: byte 0xFF at byte offset 1\n[.notdef=0|.notdef=1]\nstatus 1')" "$got"
# A TEXT operand with a newline is two lines; --unicodes is one line.
got=$("$loc" shape --font "$deva" --no-positions 'क
कि' -u 2>&1; echo "status $?")
check unicodes-missing-arg "$(printf 'loc: shape: option '"'"'-u'"'"' needs an argument\nTry '"'"'loc shape --help'"'"'.\nstatus 2')" "$got"
got=$("$loc" shape --font "$deva" --no-positions 'क
कि')
check operand-lines "$(printf '[kadeva=0]\n[ivowelsign03deva=0|kadeva=0]')" "$got"
got=$("$loc" shape --font "$deva" --no-positions -u 'U+0915,U+093F')
check unicodes '[ivowelsign03deva=0|kadeva=0]' "$got"
# Bad feature and direction strings are usage errors.
"$loc" shape --font "$deva" --features 'kern[' x >/dev/null 2>&1; check bad-feature 2 $?
"$loc" shape --font "$deva" --direction up x >/dev/null 2>&1; check bad-direction 2 $?
# loc fontcheck: verdict lines, exit status 1 when a language is not supported.
got=$("$loc" fontcheck --font "$deva" --lang hi --lang en; echo "status $?")
check fontcheck-verdicts "$(printf 'hi\tsupported\tall 67 exemplar characters present\nen\tunsupported\t52 of 52 exemplar characters missing: U+0041 U+0042 U+0043 U+0044 U+0045 U+0046 U+0047 U+0048 U+0049 U+004A U+004B U+004C ...\nstatus 1')" "$got"
printf 'कि ि\n' > "${TMPDIR:-/tmp}/loc-fc-$$.txt"
got=$("$loc" fontcheck --font "$deva" --lang hi --json --text "${TMPDIR:-/tmp}/loc-fc-$$.txt"; echo "status $?")
rm -f "${TMPDIR:-/tmp}/loc-fc-$$.txt"
check fontcheck-json "$(printf '{"font":"%s","lang":"hi","verdict":"partial","script":"Deva","exemplars":67,"exemplars_from_script":false,"missing":[],"notdef":0,"notdef_other":0,"dotted_circles":1,"unattached_marks":0,"text_chars":4}\nstatus 1' "$deva")" "$got"
got=$("$loc" fontcheck --font "$deva" | cut -f1 | tr '\n' ' ')
case " $got" in *" hi "*" mr"*" ne "*) ;; *) check fontcheck-list "... hi ... mr ... ne ..." "$got" ;; esac
"$loc" fontcheck --font "$deva" --lang 'not a tag' >/dev/null 2>&1; check fontcheck-bad-tag 2 $?
# loc render: a PNG (signature, width in the header) and an SVG of outlines.
out=${TMPDIR:-/tmp}/loc-render-$$
printf 'abc नमस्ते\nمرحبا 123\n\n' | "$loc" render --font "$noto/NotoSans-Regular.ttf" --font "$deva" \
  --font "$ar" --width 320 -o "$out.png"; check render-png-status 0 $?
check render-png-magic "$(printf '\211PNG')" "$(head -c 4 "$out.png")"
check render-png-width "00000140" "$(od -An -tx1 -j16 -N4 "$out.png" | tr -d ' \n')"
printf 'abc\n' | "$loc" render --font "$deva" --font "$noto/NotoSans-Regular.ttf" -o "$out.svg"
check render-svg-paths 3 "$(grep -c '<path' "$out.svg")"
rm -f "$out.png" "$out.svg"
[ $fail = 0 ] && echo "cli-shape-fonts: all passed"
exit $fail
