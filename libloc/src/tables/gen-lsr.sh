#!/bin/sh
# Generates lsr_data.h, the compact IANA Language Subtag Registry table that
# libloc/src/tag/tag_registry.c searches, from the npm package
# language-subtag-registry (JSON form of the registry).
#
# Usage: gen-lsr.sh PACKAGE.tgz OUTPUT.h
#
# Only what validation and canonicalization need is kept: which subtags
# exist, Preferred-Value, Suppress-Script, extlang and variant Prefix, and
# the grandfathered and redundant tags. Subtags of up to 4 letters/digits are
# packed into integers (base 37: a-z = 1..26, 0-9 = 27..36; the same packing
# as lsr_pack() in tag_registry.c), so most of the table is sorted integer
# arrays searched by bisection; variants and whole tags live in a string pool.
set -eu
tgz=$1 out=$2
export LC_ALL=C
sha=$(sha256sum < "$tgz" | cut -d' ' -f1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -xzf "$tgz" -C "$tmp" package/package.json package/data/json/registry.json \
  package/data/json/meta.json
pkgver=$(sed -n 's/^[[:space:]]*"version": "\([^"]*\)".*/\1/p' "$tmp/package/package.json" | head -1)
pkgname=$(sed -n 's/^[[:space:]]*"name": "\([^"]*\)".*/\1/p' "$tmp/package/package.json" | head -1)
filedate=$(sed -n 's/.*"File-Date": "\([^"]*\)".*/\1/p' "$tmp/package/data/json/meta.json")
[ -n "$pkgver" ] && [ -n "$filedate" ] || { echo "gen-lsr: cannot read package version or File-Date" >&2; exit 1; }

# Pass 1: one TSV row per registry record (ranges expanded):
#   type  subtag-or-tag(lowercase)  preferred  suppress-script  prefixes
awk '
  function flush(   a, b, i, j, lo, hi, s) {
    if (type == "") return
    if (index(sub_, "..")) {           # private-use ranges: qaa..qtz, Qaaa..Qabx, QM..QZ, XA..XZ
      lo = tolower(substr(sub_, 1, index(sub_, ".") - 1))
      hi = tolower(substr(sub_, index(sub_, ".") + 2))
      expand(lo, hi)
    } else {
      emit(tolower(sub_ != "" ? sub_ : tag))
    }
    type = sub_ = tag = pv = ss = pfx = ""
  }
  function emit(s) { printf "%s\t%s\t%s\t%s\t%s\n", type, s, tolower(pv), ss, pfx }
  # Walks every string of the same length between lo and hi; only the last
  # two characters vary in the registry'"'"'s ranges.
  function expand(lo, hi,   alpha, n, pre, i, j, a0, a1, b0, b1, s) {
    alpha = "abcdefghijklmnopqrstuvwxyz"
    n = length(lo)
    pre = substr(lo, 1, n - 2)
    if (pre != substr(hi, 1, n - 2)) { print "gen-lsr: range " lo ".." hi > "/dev/stderr"; exit 1 }
    a0 = index(alpha, substr(lo, n - 1, 1)); a1 = index(alpha, substr(hi, n - 1, 1))
    for (i = a0; i <= a1; i++) {
      b0 = (i == a0) ? index(alpha, substr(lo, n, 1)) : 1
      b1 = (i == a1) ? index(alpha, substr(hi, n, 1)) : 26
      for (j = b0; j <= b1; j++) emit(pre substr(alpha, i, 1) substr(alpha, j, 1))
    }
  }
  function val(line) { sub(/^[^:]*: *"/, "", line); sub(/",? *$/, "", line); return line }
  /^\t\{/ { flush(); inprefix = 0; next }
  /^\t\t\]/ { inprefix = 0; next }
  inprefix { s = $0; gsub(/^[ \t]*"|",?[ \t]*$/, "", s); pfx = pfx (pfx == "" ? "" : " ") tolower(s); next }
  /^\t\t"Type":/ { type = val($0); next }
  /^\t\t"Subtag":/ { sub_ = val($0); next }
  /^\t\t"Tag":/ { tag = val($0); next }
  /^\t\t"Preferred-Value":/ { pv = val($0); next }
  /^\t\t"Suppress-Script":/ { ss = tolower(val($0)); next }
  /^\t\t"Prefix": \[/ { inprefix = 1; next }
  END { flush() }
' "$tmp/package/data/json/registry.json" > "$tmp/rows"

# Pass 2: the C table.
awk -F '\t' -v pkg="$pkgname@$pkgver" -v sha="$sha" -v filedate="$filedate" '
  BEGIN { chars = "abcdefghijklmnopqrstuvwxyz0123456789"; pool_len = 0; npool = 0 }
  function pack(s,   v, i, c) {
    v = 0
    for (i = 1; i <= length(s); i++) {
      c = index(chars, substr(s, i, 1))
      if (c == 0 || length(s) > 4) { print "gen-lsr: cannot pack " s > "/dev/stderr"; exit 1 }
      v = v * 37 + c
    }
    return v
  }
  function intern(s) {
    if (s in pool_at) return pool_at[s]
    pool_at[s] = pool_len; pool_str[npool++] = s; pool_len += length(s) + 1
    return pool_at[s]
  }
  $1 == "language" { lang[nlang++] = pack($2)
    if ($3 != "" || $4 != "") linfo[nlinfo++] = sprintf("%d %d %d", pack($2), $3 == "" ? 0 : pack($3), $4 == "" ? 0 : pack($4))
    next }
  $1 == "extlang" {
    if ($3 != $2) { print "gen-lsr: extlang " $2 " prefers " $3 > "/dev/stderr"; exit 1 }
    ext[next_++] = sprintf("%d %d", pack($2), pack($5)); next }
  $1 == "script" { scr[nscr++] = pack($2); next }
  $1 == "region" { reg[nreg++] = pack($2); if ($3 != "") rinfo[nrinfo++] = sprintf("%d %d", pack($2), pack($3)); next }
  $1 == "variant" { var[nvar++] = $2 "\t" $3 "\t" $5; next }
  $1 == "grandfathered" || $1 == "redundant" { tags[ntags++] = $2 "\t" $3 "\t" ($1 == "grandfathered"); next }
  { print "gen-lsr: unknown type " $1 > "/dev/stderr"; exit 1 }
  function isort(a, n,   i, j, t) {   # insertion sort, numeric on the first field
    for (i = 1; i < n; i++) { t = a[i]; for (j = i - 1; j >= 0 && (a[j] + 0) > (t + 0); j--) a[j + 1] = a[j]; a[j + 1] = t }
  }
  function ssort(a, n,   i, j, t) {   # insertion sort, byte order on the first field
    for (i = 1; i < n; i++) { t = a[i]; for (j = i - 1; j >= 0 && key(a[j]) > key(t); j--) a[j + 1] = a[j]; a[j + 1] = t }
  }
  function key(s) { return substr(s, 1, index(s "\t", "\t") - 1) }
  function ints(name, ctype, a, n,   i, line) {
    printf "static const %s %s[%d] = {\n", ctype, name, n
    line = ""
    for (i = 0; i < n; i++) {
      line = line sprintf("%d,", a[i])
      if (length(line) > 90 || i == n - 1) { print "  " line; line = "" } else line = line " "
    }
    print "};\n"
  }
  function rows(name, ctype, a, n,   i, f) {
    printf "static const %s %s[%d] = {\n", ctype, name, n
    for (i = 0; i < n; i++) { split(a[i], f, " "); printf "  {%s},\n", f[1] ", " f[2] (f[3] != "" ? ", " f[3] : "") }
    print "};\n"
  }
  END {
    isort(lang, nlang); isort(linfo, nlinfo); isort(ext, next_); isort(scr, nscr)
    isort(reg, nreg); isort(rinfo, nrinfo); ssort(var, nvar); ssort(tags, ntags)
    for (i = 1; i < nlang; i++) if (lang[i] == lang[i - 1]) { print "gen-lsr: duplicate language" > "/dev/stderr"; exit 1 }
    intern("")
    for (i = 0; i < nvar; i++) { split(var[i], f, "\t"); vrow[i] = intern(f[1]) ", " (f[2] == "" ? 0 : intern(f[2])) ", " intern(f[3]) }
    for (i = 0; i < ntags; i++) { split(tags[i], f, "\t"); trow[i] = intern(f[1]) ", " (f[2] == "" ? 0 : intern(f[2])) ", " f[3] }
    print "/* Generated by libloc/src/tables/gen-lsr.sh — do not edit."
    print " * Input: npm " pkg " (sha256 " sha "),"
    print " * the IANA Language Subtag Registry of File-Date " filedate "."
    print " * Registry data: IANA, https://www.iana.org/assignments/language-subtag-registry"
    print " * (packaged under CC0-1.0). Regenerate: scripts/setup, then"
    print " * sh libloc/src/tables/gen-lsr.sh corpora/cache/<package>.tgz libloc/src/tables/lsr_data.h */"
    print "#define LSR_FILE_DATE \"" filedate "\""
    print "#define LSR_SOURCE \"" pkg "\"\n"
    ints("lsr_language", "uint16_t", lang, nlang)
    rows("lsr_language_info", "lsr_lang_info", linfo, nlinfo)
    rows("lsr_extlang", "lsr_pair", ext, next_)
    ints("lsr_script", "uint32_t", scr, nscr)
    ints("lsr_region", "uint16_t", reg, nreg)
    rows("lsr_region_info", "lsr_pair", rinfo, nrinfo)
    printf "static const char lsr_pool[%d] =\n", pool_len
    for (i = 0; i < npool; i++) printf "  \"%s\\0\"%s\n", pool_str[i], i == npool - 1 ? ";" : ""
    print ""
    printf "static const lsr_variant lsr_variants[%d] = {\n", nvar
    for (i = 0; i < nvar; i++) printf "  {%s},\n", vrow[i]
    print "};\n"
    printf "static const lsr_tag lsr_tags[%d] = {\n", ntags
    for (i = 0; i < ntags; i++) printf "  {%s},\n", trow[i]
    print "};"
  }
' "$tmp/rows" > "$out.tmp"
mv "$out.tmp" "$out"
