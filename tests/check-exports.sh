#!/bin/sh
# The shared library exports exactly the LOC_API functions of the public
# headers, every one listed in libloc.map. Usage: check-exports.sh LIB.so SRCDIR
set -eu
lib=$1 src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sed 's/@.*//' |
  grep -v '^LOC_' | sort -u > "$tmp/exported"
sed -n 's/^[[:space:]]*\(loc_[a-z0-9_]*\);$/\1/p' "$src/libloc/libloc.map" | sort -u > "$tmp/map"
cat "$src"/libloc/include/loc/*.h | tr '\n' ' ' | sed 's/;/;\n/g' |
  sed -n 's/.*LOC_API[^(]*[ *]\(loc_[a-z0-9_]*\)[[:space:]]*(.*/\1/p' | sort -u > "$tmp/declared"
status=0
if ! cmp -s "$tmp/exported" "$tmp/map"; then
  echo "exported symbols differ from libloc.map (< exported, > map):"; diff "$tmp/exported" "$tmp/map" || true; status=1
fi
if ! cmp -s "$tmp/declared" "$tmp/map"; then
  echo "LOC_API declarations differ from libloc.map (< headers, > map):"; diff "$tmp/declared" "$tmp/map" || true; status=1
fi
[ $status = 0 ] && echo "exports: $(wc -l < "$tmp/map") symbols, headers and map agree"
exit $status
