#!/bin/sh
# `loc --version` names loc and each library whose data decide results, each
# with a dotted version number: the shape scripts and bug reports rely on.
# Usage: version.sh LOC
set -u
out=$("$1" --version) || { echo "FAIL: loc --version exited $?"; exit 1; }
echo "$out"
status=0
for name in loc icu unicode libidn2 harfbuzz freetype; do
  if ! printf '%s\n' "$out" | grep -Eq "^$name [0-9]+(\.[0-9]+)+$"; then
    echo "FAIL: no line '$name X.Y[.Z]'"; status=1
  fi
done
printf '%s\n' "$out" | grep -Eq '^loc [0-9]+\.[0-9]+\.[0-9]+$' ||
  { echo "FAIL: loc's own version is not X.Y.Z"; status=1; }
[ "$("$1" -V)" = "$out" ] || { echo "FAIL: -V differs from --version"; status=1; }
exit $status
