#!/bin/sh
# The committed IANA registry table is what its generator makes from the
# pinned package: regenerates it into the build folder and compares.
# Skipped (77) when scripts/setup has not fetched the package.
# Usage: tables_current.sh SRCDIR BUILDDIR
set -eu
src=$1 build=$2
# The pin is the line "language-subtag-registry VERSION SHA256" of npm_pins.
pin=$(sed -n 's/^ *"language-subtag-registry \([^ ]*\) \([0-9a-f]*\)".*/\1 \2/p' "$src/scripts/setup")
version=${pin% *}
want=${pin#* }
if [ -z "$pin" ]; then
  echo "FAIL: no language-subtag-registry line in npm_pins of scripts/setup"
  exit 1
fi
tgz=$src/corpora/cache/language-subtag-registry-$version.tgz
if [ ! -f "$tgz" ]; then
  echo "SKIP: $tgz is missing (run scripts/setup)"
  exit 77
fi
got=$(sha256sum < "$tgz" | cut -d' ' -f1)
if [ "$got" != "$want" ]; then
  echo "FAIL: $tgz has SHA-256 $got, scripts/setup pins $want"
  exit 1
fi
out=$build/lsr_data.h
sh "$src/libloc/src/tables/gen-lsr.sh" "$tgz" "$out"
if ! cmp -s "$out" "$src/libloc/src/tables/lsr_data.h"; then
  echo "FAIL: libloc/src/tables/lsr_data.h differs from what gen-lsr.sh makes now:"
  diff "$src/libloc/src/tables/lsr_data.h" "$out" | head -20
  exit 1
fi
echo "lsr_data.h is current: $(sed -n 's/^#define LSR_SOURCE //p' "$out"), File-Date $(sed -n 's/^#define LSR_FILE_DATE //p' "$out")"
