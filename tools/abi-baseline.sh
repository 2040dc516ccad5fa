#!/bin/sh
# Writes the ABI baseline libloc/abi/libloctext.abi from a built library
# (the release ABI that tests/check-abi.sh holds every later build to).
# Run it only when a release changes the ABI on purpose (a new major
# version, or new symbols in a new version node).
# Usage: tools/abi-baseline.sh BUILDDIR   (needs abidw from abigail-tools)
set -eu
build=${1:?usage: tools/abi-baseline.sh BUILDDIR}
src=$(cd "$(dirname "$0")/.." && pwd)
lib=$(ls "$build"/libloc/libloctext.so.*.*.* | head -n 1)
abidw --headers-dir "$src/libloc/include/loc" --no-corpus-path --no-comp-dir-path \
  --drop-private-types --out-file "$src/libloc/abi/libloctext.abi" "$lib"
echo "wrote libloc/abi/libloctext.abi from $lib"
