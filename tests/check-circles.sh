#!/bin/sh
# Fails when two source files of the library call each other: file A uses a
# function (or object) defined in file B and B uses one defined in A. Shared
# helpers belong in a file of their own that both call. Reads the global
# symbols of every member of the internal static archive with nm (static
# functions never cross files, so they cannot make a circle).
# Usage: check-circles.sh ARCHIVE
set -eu
ar=$1
command -v nm >/dev/null 2>&1 || { echo "nm not found: skipped"; exit 77; }
syms=$(nm -A -P "$ar") || { echo "nm failed on $ar"; exit 1; }
# Lines: "ARCHIVE[MEMBER.o]: SYMBOL TYPE ..." (GNU nm -A -P), also
# "ARCHIVE:MEMBER.o: SYMBOL TYPE" in some versions; keep MEMBER, SYMBOL, TYPE.
printf '%s\n' "$syms" | awk '
  {
    f = $1
    sub(/:$/, "", f)
    if (match(f, /\[[^]]*\]$/)) f = substr(f, RSTART + 1, RLENGTH - 2)
    else sub(/^.*:/, "", f)
    sub(/^.*\//, "", f)
    sub(/\.o(bj)?$/, "", f)
    sym = $2; t = $3
    if (t == "U") use[f, sym] = 1
    else if (t ~ /^[TDBRVWGS]$/) { def[sym] = f; files[f] = 1; ndef++ }
  }
  END {
    nf = 0
    for (f in files) nf++
    # The archive must look like the library (an nm that printed nothing
    # useful would otherwise pass every build).
    if (nf < 20 || !("loc__grow" in def)) {
      printf "check-circles: only %d objects with symbols read from the archive\n", nf
      exit 2
    }
    for (k in use) {
      split(k, p, SUBSEP)
      a = p[1]; s = p[2]
      if (!(s in def) || def[s] == a) continue
      b = def[s]
      edge[a, b] = edge[a, b] " " s
    }
    bad = 0
    for (k in edge) {
      split(k, p, SUBSEP)
      a = p[1]; b = p[2]
      if (a < b && ((b, a) in edge)) {
        printf "circle: %s uses%s; %s uses%s\n", a, edge[a, b], b, edge[b, a]
        bad++
      }
    }
    printf "%d objects, %d defined symbols, %d circles\n", nf, ndef, bad
    exit bad ? 1 : 0
  }'
