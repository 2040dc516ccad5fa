#!/bin/sh
# `loc shape` must print exactly what hb-shape prints, byte for byte, for the
# same font, options and text: the first lines of a UDHR declaration in each
# script below, with the font fonts/manifest.tsv names for that script, under
# several option sets. Expectations are made by running hb-shape now, so the
# test compares the two programs installed side by side.
# Skipped (77) without hb-shape or the UDHR corpus; a script whose font is not
# installed is skipped, but at least 20 scripts must be compared.
# Usage: hb_compare.sh LOC SRCDIR [LINES]
set -u
loc=$1 src=$2 nlines=${3:-10}
udhr=$src/corpora/cache/udhr/txt
manifest=$src/fonts/manifest.tsv
command -v hb-shape >/dev/null 2>&1 || { echo "SKIP: no hb-shape (libharfbuzz-bin)"; exit 77; }
[ -d "$udhr" ] || { echo "SKIP: no UDHR corpus in $udhr (run scripts/setup)"; exit 77; }
# One locale for both: the default language comes from it.
LC_ALL=C.UTF-8; export LC_ALL
unset LANG LC_CTYPE
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# script  declaration (corpora/cache/udhr/txt/NAME.txt)
pairs="Latn:vie Cyrl:rus Grek:ell_monotonic Arab:arb Arab:urd Arab:pes_1 Hebr:heb
Deva:hin Beng:ben Guru:pan Gujr:guj Taml:tam Telu:tel Knda:kan Mlym:mal Sinh:sin
Thai:tha Laoo:lao Khmr:khm Mymr:mya Mymr:mnw Tibt:bod Ethi:amh Geor:kat Armn:hye
Thaa:div Syrc:aii Cher:chr_cased Cans:csw Tfng:tzm_tfng Vaii:vai Yiii:iii Adlm:fuf_adlm
Java:jav_java Lana:kkh_lana Tavt:blt Cakm:ccp Gran:san_gran Mong:khk_mong Tglg:tgl_tglg
Hani:cmn_hans Jpan:jpn Kore:kor"

# Option sets, ';'-separated words (no spaces inside an option); hb-shape
# gets -O json for loc's --json.
optsets="-
--utf8-clusters;--cluster-level=1
--no-glyph-names;--no-positions
--no-clusters;--no-advances
--font-size=16;--features=-liga,kern
--cluster-level=2;--show-flags;--json
--remove-default-ignorables;--utf8-clusters;-O;json"

scripts=0 compared=0 failed=0
for pair in $pairs; do
  sc=${pair%%:*} name=${pair#*:}
  text=$udhr/$name.txt
  [ -f "$text" ] || { echo "skip $pair: no declaration"; continue; }
  row=$(awk -F '\t' -v s="$sc" '$1 == s { print $3 "\t" $4; exit }' "$manifest")
  [ -n "$row" ] || { echo "FAIL $pair: no font for $sc in the manifest"; failed=$((failed + 1)); continue; }
  font=/usr/share/fonts/${row%%	*} face=${row#*	}
  [ -f "$font" ] || { echo "skip $pair: $font not installed"; continue; }
  awk 'NF' "$text" | head -n "$nlines" > "$tmp/in"
  ok=1
  printf '%s\n' "$optsets" | while IFS= read -r set; do
    # shellcheck disable=SC2086
    opts=$(printf '%s' "$set" | tr ';' ' ')
    [ "$opts" = - ] && opts=
    hbopts=$(printf '%s' "$opts" | sed 's/--json/-O json/')
    hb-shape --font-file="$font" --face-index="$face" $hbopts < "$tmp/in" > "$tmp/want" 2>&1
    "$loc" shape --font "$font" --face-index "$face" $opts < "$tmp/in" > "$tmp/got" 2>&1
    if ! cmp -s "$tmp/want" "$tmp/got"; then
      echo "FAIL $pair with '$opts':"
      diff "$tmp/want" "$tmp/got" | head -6 | cut -c1-300
      exit 1
    fi
  done || ok=0
  scripts=$((scripts + 1))
  if [ $ok = 1 ]; then compared=$((compared + 1)); else failed=$((failed + 1)); fi
done
echo "$compared of $scripts declarations identical to hb-shape under $(printf '%s\n' "$optsets" | wc -l) option sets, $failed failed"
[ "$failed" = 0 ] || exit 1
[ "$compared" -ge 20 ] || { echo "FAIL: fewer than 20 scripts compared"; exit 1; }
