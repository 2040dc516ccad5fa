#!/bin/sh
# Side by side for some Debian fonts: the languages fontconfig's fc-query
# gives each font, and the ones `loc fontcheck` lists as supported (its
# verdict over ICU's languages), plus the languages each finds that the other
# does not. Prints a Markdown table. Usage: bench/fontcheck-vs-fc.sh LOC
set -u
loc=${1:?usage: fontcheck-vs-fc.sh LOC}
command -v fc-query >/dev/null 2>&1 || { echo "fc-query not installed (fontconfig)"; exit 77; }
noto=/usr/share/fonts/truetype/noto
fonts="$noto/NotoSansAdlam-Regular.ttf $noto/NotoSansOlChiki-Regular.ttf
$noto/NotoSansVai-Regular.ttf $noto/NotoSansBalinese-Regular.ttf
$noto/NotoSansJavanese-Regular.ttf $noto/NotoSansDevanagari-Regular.ttf
$noto/NotoSansArabic-Regular.ttf $noto/NotoSansMyanmar-Regular.ttf
/usr/share/fonts/truetype/padauk/Padauk-Regular.ttf"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
# fontconfig's tags are lower case with '-' (az-ir); loc's are BCP 47 (sr-Latn):
# both are compared lower-cased.
norm() { tr 'A-Z' 'a-z' | tr '|' '\n' | sed '/^$/d' | sort -u; }
echo "| font | fc-query | loc fontcheck (supported) | only fc-query | only loc |"
echo "|---|---|---|---|---|"
for f in $fonts; do
  [ -f "$f" ] || continue
  fc-query -f '%{lang}\n' "$f" | head -1 | norm > "$tmp/fc"
  "$loc" fontcheck --font "$f" | cut -f1 | norm > "$tmp/loc"
  fc=$(tr '\n' ' ' < "$tmp/fc") lc=$(tr '\n' ' ' < "$tmp/loc")
  only_fc=$(comm -23 "$tmp/fc" "$tmp/loc" | tr '\n' ' ')
  only_loc=$(comm -13 "$tmp/fc" "$tmp/loc" | tr '\n' ' ')
  printf '| %s | %s | %s | %s | %s |\n' "$(basename "$f" .ttf)" "${fc:-(none)}" "${lc:-(none)}" \
    "${only_fc:--}" "${only_loc:--}"
done
