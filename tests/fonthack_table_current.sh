#!/bin/sh
# The committed font-hack detector model is what gen_fonthack_model trains
# from the UDHR corpus now: regenerates it into the build folder and
# compares. Skipped (77) when scripts/setup has not fetched the corpus.
# Usage: fonthack_table_current.sh SRCDIR BUILDDIR GENERATOR
set -eu
src=$1 build=$2 gen=$3
udhr=$src/corpora/cache/udhr
if [ ! -f "$udhr/index.tsv" ]; then
  echo "SKIP: $udhr is missing (run scripts/setup)"
  exit 77
fi
out=$build/fonthack_model.h
"$gen" "$udhr" "$out"
if ! cmp -s "$out" "$src/libloc/src/tables/fonthack_model.h"; then
  echo "FAIL: libloc/src/tables/fonthack_model.h differs from what gen_fonthack_model makes now:"
  diff "$src/libloc/src/tables/fonthack_model.h" "$out" | head -20
  exit 1
fi
echo "fonthack_model.h is current: $(sed -n 's/.*against \([0-9]*\) declarations.*/\1/p' "$out") Latin-script declarations"
