#!/bin/sh
# The specimen sheet: the first article of the UDHR (scripts/udhr-article1.sh)
# in one declaration per script of the corpus, each under a small label,
# rendered by `loc render` with the default font chain (fonts/manifest.tsv).
# Usage: scripts/specimen.sh LOC OUT.png|OUT.svg [WIDTH]
set -eu
loc=$1 out=$2 width=${3:-1400}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
udhr=$root/corpora/cache/udhr/txt
[ -d "$udhr" ] || { echo "no UDHR corpus in $udhr (run scripts/setup)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for pair in Latn:vie Cyrl:rus Grek:ell_monotonic Armn:hye Geor:kat Hebr:heb Arab:arb \
  Arab:urd Syrc:aii Thaa:div Deva:hin Beng:ben Guru:pan Gujr:guj Taml:tam Telu:tel \
  Knda:kan Mlym:mal Sinh:sin Gran:san_gran Tibt:bod Thai:tha Laoo:lao Khmr:khm \
  Mymr:mya Mymr:mnw Lana:kkh_lana Tavt:blt Cakm:ccp Java:jav_java Tglg:tgl_tglg \
  Mong:khk_mong Ethi:amh Tfng:tzm_tfng Vaii:vai Adlm:fuf_adlm Cher:chr_cased \
  Cans:csw Yiii:iii Hani:cmn_hans Jpan:jpn Kore:kor; do
  sc=${pair%%:*} name=${pair#*:}
  [ -f "$udhr/$name.txt" ] || continue
  printf '%s · %s\n' "$sc" "$name" >> "$tmp/text"
  sh "$here/udhr-article1.sh" "$udhr/$name.txt" >> "$tmp/text"
done
[ -n "${SPECIMEN_TEXT:-}" ] && cp "$tmp/text" "$SPECIMEN_TEXT"
"$loc" render --width "$width" --size 18 --margin 24 -o "$out" "$tmp/text"
