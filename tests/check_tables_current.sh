#!/bin/sh
# The committed Indic category table of `loc check` is what its generator
# makes from Debian unicode-data's IndicSyllabicCategory.txt and
# IndicPositionalCategory.txt: regenerates it into the build folder and
# compares. Skipped (77) when the UCD files are absent.
# Usage: check_tables_current.sh SRCDIR BUILDDIR
set -eu
src=$1 build=$2
ucd=${UNICODE_DATA_DIR:-/usr/share/unicode}
[ -n "$ucd" ] || ucd=/usr/share/unicode
isc=$ucd/IndicSyllabicCategory.txt ipc=$ucd/IndicPositionalCategory.txt
if [ ! -f "$isc" ] || [ ! -f "$ipc" ]; then
  echo "SKIP: $isc or $ipc is missing (Debian unicode-data)"
  exit 77
fi
out=$build/indic_data.h
sh "$src/libloc/src/tables/gen-indic.sh" "$isc" "$ipc" "$out"
if ! cmp -s "$out" "$src/libloc/src/tables/indic_data.h"; then
  echo "FAIL: libloc/src/tables/indic_data.h differs from what gen-indic.sh makes now:"
  diff "$src/libloc/src/tables/indic_data.h" "$out" | head -20
  exit 1
fi
echo "indic_data.h is current: $(sed -n 's/^#define INDIC_UCD_VERSION //p' "$out")"
