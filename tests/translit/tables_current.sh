#!/bin/sh
# The committed transliteration tables are what their generators make now:
# libloc/src/tables/translit_rules.h from the rule files, and the rule files
# generated from Unicode names (Yi, Cherokee, Vai, Canadian Syllabics) from
# UnicodeData.txt. The second part is skipped when UnicodeData.txt is absent.
# Usage: tables_current.sh SRCDIR BUILDDIR UNICODE_DATA_DIR
set -eu
src=$1 build=$2 ucd=$3
tables=$src/libloc/src/tables
data=$src/libloc/data/translit
out=$build/translit-current
rm -rf "$out"
mkdir -p "$out/names"
fail=0
if [ -f "$ucd/UnicodeData.txt" ]; then
  sh "$tables/gen-translit-names.sh" "$ucd/UnicodeData.txt" "$out/names"
  for f in "$out"/names/*.txt; do
    if ! cmp -s "$f" "$data/$(basename "$f")"; then
      echo "FAIL: libloc/data/translit/$(basename "$f") differs from what gen-translit-names.sh makes now:"
      diff "$data/$(basename "$f")" "$f" | head -10
      fail=1
    fi
  done
else
  echo "note: $ucd/UnicodeData.txt is missing; the name-generated rule files were not checked"
fi
sh "$tables/gen-translit.sh" "$data" "$out/translit_rules.h"
if ! cmp -s "$out/translit_rules.h" "$tables/translit_rules.h"; then
  echo "FAIL: libloc/src/tables/translit_rules.h differs from what gen-translit.sh makes now:"
  diff "$tables/translit_rules.h" "$out/translit_rules.h" | head -10
  fail=1
fi
[ $fail = 0 ] && echo "translit tables are current ($(ls "$data" | wc -l) rule files)"
exit $fail
