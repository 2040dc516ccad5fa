#!/bin/sh
# The shared library against the committed 1.0 ABI baseline
# (libloc/abi/libloctext.abi, made by tools/abi-baseline.sh): fails on any
# change to what the baseline holds — a symbol removed, a function's
# parameters, a public type's size or layout, an enumerator's value. abidiff
# calls some of these "compatible" (a struct grown behind a pointer), but
# callers allocate libloc's option and result structs themselves, so they
# are not. Added symbols pass (they belong in a new version node of
# libloc/libloc.map). Skips (77) without abidiff (Debian abigail-tools) or
# when the library carries no debug information.
# Usage: check-abi.sh LIB.so SRCDIR
set -u
lib=$1 src=$2
command -v abidiff >/dev/null 2>&1 || { echo "abidiff not installed (abigail-tools)"; exit 77; }
if ! readelf -S "$lib" 2>/dev/null | grep -q '\.debug_info'; then
  echo "$lib has no debug information: abidiff cannot compare types"; exit 77
fi
baseline="$src/libloc/abi/libloctext.abi"
[ -f "$baseline" ] || { echo "no baseline $baseline (run tools/abi-baseline.sh)"; exit 1; }
out=$(abidiff --headers-dir2 "$src/libloc/include/loc" --no-unreferenced-symbols --no-added-syms \
  "$baseline" "$lib" 2>&1)
st=$?
# abidiff's status is a bit mask: 1 error, 2 usage, 4 ABI change, 8 incompatible change.
if [ $((st & 3)) != 0 ]; then
  printf '%s\n' "$out"; echo "abidiff failed (status $st)"; exit 1
fi
if [ $((st & 12)) != 0 ]; then
  printf '%s\n' "$out"
  echo "ABI change against the 1.0 baseline: keep the old form and add a new symbol in a new"
  echo "version node of libloc/libloc.map; only a new major version (soname) may break it."
  exit 1
fi
echo "abi: the 1.0 ABI unchanged (libloc/abi/libloctext.abi)"
exit 0
