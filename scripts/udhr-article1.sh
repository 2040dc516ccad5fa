#!/bin/sh
# Prints the first article of a UDHR declaration (corpora/cache/udhr/txt/X.txt):
# the line after the first short heading line (under 80 bytes) that holds a
# digit one (any of the scripts' digit ones, or 一) after the preamble has
# begun; when no such heading is found, the first line over 100 bytes.
# Headings that spell the number are matched by their word for "one" or
# "first": Japanese 第１条 (full-width), Hebrew סעיף א (alef), Tibetan
# དོན་ཚན་དང་པོ (dang po), Cree ᐯᔭᐠ (peyak), Yi ꋍꏢꏡꌠ (ꋍ).
# Usage: scripts/udhr-article1.sh FILE
LC_ALL=C awk '
  BEGIN {
    n = split("1|١|۱|१|১|੧|૧|୧|௧|౧|೧|൧|෧|๑|໑|༡|၁|፩|១|᠑|一|𞥑|꘡|᥇|᧑|᪑|᭑|᱁|꧑|᮱|𑄷|꩑|᮱|１|סעיף א|དང་པོ|ᐯᔭᐠ|ꋍ", ones, "|")
  }
  NF == 0 { next }
  want { print; found = 1; exit }
  !fallback && length($0) > 100 { fallback = $0 }
  NR > 2 && length($0) < 80 {
    for (i = 1; i <= n; i++)
      if (index($0, ones[i])) {
        rest = $0; gsub(/[0-9]/, "", rest)
        if (ones[i] != "1" || $0 !~ /[0-9][0-9]/) { want = 1; break }
      }
  }
  END { if (!found && fallback != "") print fallback }
' "$1"
