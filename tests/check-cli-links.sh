#!/bin/sh
# `loc` is an embedder like any other: it links the shared library (no copy
# of the library's code inside it) and every library symbol it needs is one
# the library exports. Usage: check-cli-links.sh LOC LIB.so
set -eu
exe=$1 lib=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
status=0
soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
if ! readelf -d "$exe" | grep -q "(NEEDED).*\[$soname\]"; then
  echo "$exe does not link $soname"; status=1
fi
# Library code compiled into the executable (a static archive linked in).
nm --defined-only "$exe" 2>/dev/null | awk '$3 ~ /^loc_/ {print $3}' | sort -u > "$tmp/copied"
if [ -s "$tmp/copied" ]; then
  echo "$exe holds its own copy of library symbols:"; cat "$tmp/copied"; status=1
fi
nm -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' | grep '^loc_' | sort -u > "$tmp/exported"
nm -D --undefined-only "$exe" | awk '{print $2}' | sed 's/@.*//' | grep '^loc_' | sort -u > "$tmp/needed"
comm -23 "$tmp/needed" "$tmp/exported" > "$tmp/hidden"
if [ -s "$tmp/hidden" ]; then
  echo "$exe needs symbols the library does not export:"; cat "$tmp/hidden"; status=1
fi
[ -s "$tmp/needed" ] || { echo "$exe needs no library symbol at all: not linked as expected"; status=1; }
[ $status = 0 ] && echo "$(basename "$exe"): $(wc -l < "$tmp/needed") library symbols, all exported by $soname"
exit $status
