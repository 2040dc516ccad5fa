#!/bin/sh
# The committed libloc/src/tables/lookalike_data.h is what gen-lookalikes.sh
# makes from lookalikes.txt now. Usage: lookalike_table_current.sh SRCDIR BUILDDIR
set -eu
src=$1 build=$2
out=$build/lookalike_data.h
sh "$src/libloc/src/tables/gen-lookalikes.sh" "$src/libloc/src/tables/lookalikes.txt" "$out"
if ! cmp -s "$out" "$src/libloc/src/tables/lookalike_data.h"; then
  echo "FAIL: libloc/src/tables/lookalike_data.h differs from what gen-lookalikes.sh makes now:"
  diff "$src/libloc/src/tables/lookalike_data.h" "$out" | head -20
  exit 1
fi
echo "lookalike_data.h is current"
