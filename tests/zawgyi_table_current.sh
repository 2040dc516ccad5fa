#!/bin/sh
# The committed Zawgyi model table is what gen_zawgyi_model makes from the
# pinned myanmar-tools package: regenerates it into the build folder and
# compares. Skipped (77) when scripts/setup has not fetched the package.
# Usage: zawgyi_table_current.sh SRCDIR BUILDDIR GENERATOR
set -eu
src=$1 build=$2 gen=$3
pin=$(grep '"myanmar-tools ' "$src/scripts/setup" | tr -d '"' | sed 's/^ *//')
version=$(echo "$pin" | cut -d' ' -f2)
dat=$src/corpora/cache/npm/myanmar-tools-$version/package/resources/zawgyiUnicodeModel.dat
if [ ! -f "$dat" ]; then
  echo "SKIP: $dat is missing (run scripts/setup)"
  exit 77
fi
out=$build/zawgyi_model.h
"$gen" "$dat" "myanmar-tools $version (npm), resources/zawgyiUnicodeModel.dat" "$out"
if ! cmp -s "$out" "$src/libloc/src/tables/zawgyi_model.h"; then
  echo "FAIL: libloc/src/tables/zawgyi_model.h differs from what gen_zawgyi_model makes now:"
  diff "$src/libloc/src/tables/zawgyi_model.h" "$out" | head -20
  exit 1
fi
echo "zawgyi_model.h is current: myanmar-tools $version, $(sed -n 's/^#define ZG_MODEL_ENTRIES //p' "$out") weights"
