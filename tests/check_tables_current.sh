#!/bin/sh
# The committed category tables of `loc check` are what their generators
# make from Debian unicode-data's UCD files: indic_data.h (gen-indic.sh, from
# IndicSyllabicCategory.txt and IndicPositionalCategory.txt) and use_data.h
# (gen-use.sh, from those two, UnicodeData.txt and Scripts.txt), and
# pua_data.h (gen-pua.sh, from Debian aglfn's glyphlist.txt and Perl's
# Encode tables; that one is skipped when they are absent). Regenerates them
# into the build folder and compares. Skipped (77) when the UCD files are
# absent.
# Usage: check_tables_current.sh SRCDIR BUILDDIR
set -eu
src=$1 build=$2
ucd=${UNICODE_DATA_DIR:-/usr/share/unicode}
[ -n "$ucd" ] || ucd=/usr/share/unicode
isc=$ucd/IndicSyllabicCategory.txt ipc=$ucd/IndicPositionalCategory.txt
ud=$ucd/UnicodeData.txt scripts=$ucd/Scripts.txt
for f in "$isc" "$ipc" "$ud" "$scripts"; do
  if [ ! -f "$f" ]; then
    echo "SKIP: $f is missing (Debian unicode-data)"
    exit 77
  fi
done
tables=$src/libloc/src/tables
status=0
compare() {
  if cmp -s "$build/$1" "$tables/$1"; then
    echo "$1 is current: $(sed -n "s/^#define $2 //p" "$build/$1")"
  else
    echo "FAIL: libloc/src/tables/$1 differs from what its generator makes now:"
    diff "$tables/$1" "$build/$1" | head -20
    status=1
  fi
}
sh "$tables/gen-indic.sh" "$isc" "$ipc" "$build/indic_data.h"
compare indic_data.h INDIC_UCD_VERSION
sh "$tables/gen-use.sh" "$isc" "$ipc" "$ud" "$scripts" "$build/use_data.h"
compare use_data.h USE_UCD_VERSION
agl=/usr/share/aglfn/glyphlist.txt
if [ -f "$agl" ] && perl -MEncode -e 'Encode::decode("AdobeSymbol", "a")' 2> /dev/null; then
  sh "$tables/gen-pua.sh" "$agl" "$build/pua_data.h"
  compare pua_data.h PUA_AGL_VERSION
else
  echo "SKIP pua_data.h: no $agl (aglfn) or no Perl Encode"
fi
exit $status
