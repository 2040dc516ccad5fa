#!/bin/sh
# The committed language identification model is what tools/langid-train
# makes from its pinned inputs: the UDHR corpus (corpora/cache/udhr) and
# CLDR's emoji annotations (corpora/cache/npm/cldr-annotations-full-*), both
# from scripts/setup, and the Common Voice sentence sample
# (../shared/corpora/cv-sentences, read in place; its .txt files pinned by
# the SHA-256 below). Rebuilds it into the build folder and compares byte
# for byte. Skipped (77) when either input is absent.
# Usage: detect_model_current.sh SRCDIR TRAINER BUILDDIR
set -eu
src=$1 trainer=$2 build=$3
udhr=$src/corpora/cache/udhr
cv=$src/../shared/corpora/cv-sentences
cv_sha256=065f1308f8f3d7d106d247d97587ffd16a516e690bfb0286abc11b616b6adc51
version=$(sed -n 's/^udhr_version=//p' "$src/scripts/setup")
if [ ! -f "$udhr/package/index.js" ] || ! grep -q "^udhr@$version " "$udhr/stamp" 2>/dev/null; then
  echo "SKIP: the UDHR corpus udhr@$version is not in corpora/cache/udhr (run scripts/setup)"
  exit 77
fi
cldr_version=$(sed -n 's/^ *"cldr-annotations-full \([^ ]*\) .*/\1/p' "$src/scripts/setup")
cldr=$src/corpora/cache/npm/cldr-annotations-full-$cldr_version/package
if [ ! -f "$cldr/annotations/en/annotations.json" ]; then
  echo "SKIP: cldr-annotations-full@$cldr_version is not in corpora/cache/npm (run scripts/setup)"
  exit 77
fi
if [ ! -f "$cv/README.md" ]; then
  echo "SKIP: no Common Voice sentence sample in $cv"
  exit 77
fi
# the sample's .txt files, in C order, one after the other
got=$(cd "$cv" && ls ./*.txt | LC_ALL=C sort | xargs cat | sha256sum | cut -d' ' -f1)
if [ "$got" != "$cv_sha256" ]; then
  echo "FAIL: $cv is not the pinned sample (SHA-256 of its .txt files $got, want $cv_sha256)"
  exit 1
fi
out=$build/detect_model.bin
"$trainer" --cv "$cv" --cldr "$cldr" "$udhr" "$out"
if ! cmp "$out" "$src/libloc/src/tables/detect_model.bin"; then
  echo "FAIL: libloc/src/tables/detect_model.bin differs from what tools/langid-train makes now"
  echo "(rebuild: build/tools/langid-train --cv ../shared/corpora/cv-sentences --cldr $cldr corpora/cache/udhr libloc/src/tables/detect_model.bin)"
  exit 1
fi
echo "detect_model.bin is current: $(wc -c < "$out") bytes"
