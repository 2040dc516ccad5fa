#!/bin/sh
# The docs list what the code has. Reads `loc --help`, `loc COMMAND --help`
# and `loc COMMAND SUBCOMMAND --help`, so it checks whatever commands and
# options exist:
#  - every command form (a Usage line's command, subcommand and leading
#    required option, e.g. `idn to-ascii`, `convert --list`, `segment --by`)
#    has exactly one entry in README's `## Usage` block and one in the man
#    page's SYNOPSIS;
#  - every option a command's help lists (long form, or the short form when
#    it has no long one; either form satisfies) appears in that command's
#    entries there; -h/--help once anywhere in each;
#  - every docs/*.md is linked once from docs/README.md, which links no
#    missing page.
# Usage: check-docs.sh LOC SRCDIR
set -u
loc=$1 src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

# Usage text -> "KEY<TAB>entry" per entry. KEY: the command, its
# subcommands (alternatives a|b give one key each) and required options
# before the first optional part; option values and operands skipped.
keys() {
  awk '
  function emit(n, i) { for (i = 1; i <= n; i++) print pre[i] "\t" $0 }
  {
    if ($1 != "loc" || $2 ~ /^-/ || $2 == "COMMAND" || NF < 2) next
    n = 1; pre[1] = $2; prev = "sub"
    for (i = 3; i <= NF; i++) {
      t = $i
      if (t ~ /^[[(.]/) break
      if (t ~ /^-/) {
        sub(/[=,].*/, "", t)
        for (k = 1; k <= n; k++) pre[k] = pre[k] " " t
        prev = "opt"
      } else if (prev == "sub" && t ~ /^[a-z][a-z0-9|-]*$/) {
        m = split(t, alt, "|"); nn = 0
        for (k = 1; k <= n; k++) for (a = 1; a <= m; a++) np[++nn] = pre[k] " " alt[a]
        n = nn; for (k = 1; k <= n; k++) pre[k] = np[k]
      } else {
        prev = "val"
      }
    }
    emit(n)
  }'
}

# Option lines of a help text -> one item per line: "name|alias".
options() {
  awk '
  /^ +-/ {
    nl = 0; ns = 0
    for (i = 1; i <= NF; i++) {
      t = $i
      if (t ~ /^-/) {
        sub(/[=:,;].*$/, "", t); sub(/[^A-Za-z0-9]+$/, "", t)
        if (t ~ /^--[A-Za-z0-9]/) long[++nl] = t
        else if (t ~ /^-[A-Za-z0-9]$/) short[++ns] = t
      } else if (t != "," && t !~ /^[A-Z0-9_.|=\[\],<>-]+,?$/) {
        break
      }
    }
    if (nl == 1) { s = long[1]; for (k = 1; k <= ns; k++) s = s "|" short[k]; print s }
    else if (nl > 1) { for (k = 1; k <= nl; k++) print long[k] }
    else for (k = 1; k <= ns; k++) print short[k]
  }'
}

usage_lines() {
  awk '/^Usage:/ { sub(/^Usage: */, ""); print; on = 1; next }
       on && /^ +loc / { sub(/^ +/, ""); print; next }
       on && /^ / { next }
       { on = 0 }'
}

# README: the indented lines of the first code block after "## Usage";
# an entry starts with "loc", deeper-indented lines continue it.
awk '/^## Usage/ { on = 1; next } on && /^## / { exit }
     on && /^    / { seen = 1; line = $0; sub(/^ +/, "", line)
                     if ($0 ~ /^    loc /) { if (e != "") print e; e = line } else e = e " " line; next }
     on && seen && /^[^ ]/ { exit }
     END { if (e != "") print e }' "$src/README.md" > "$tmp/readme"
[ -s "$tmp/readme" ] || fail "README.md has no code block under ## Usage"

# Man page SYNOPSIS: entries separated by .br, font macros and escapes gone.
sed -n '/^\.SH SYNOPSIS/,/^\.SH /p' "$src/cli/loc.1" | sed '1d;$d' |
  sed 's/\\-/-/g; s/\\c$//; s/\\(em/--/g; s/\\&//g; s/\\f[BIRP]//g' |
  awk '/^\.br/ { if (e != "") print e; e = ""; next }
       { sub(/^\.(B|I|R|RB|BR|IR|RI|BI|IB) /, ""); if ($0 ~ /^\./) next
         gsub(/"/, ""); e = (e == "" ? $0 : e " " $0) }
       END { if (e != "") print e }' |
  sed 's/ *| */|/g; s/ *= */=/g; s/  */ /g' > "$tmp/man"
[ -s "$tmp/man" ] || fail "cli/loc.1 has no SYNOPSIS entries"

keys < "$tmp/readme" > "$tmp/readme.keys"
keys < "$tmp/man" > "$tmp/man.keys"
for where in readme man; do
  cut -f1 "$tmp/$where.keys" | sort | uniq -d | while read -r k; do
    echo "FAIL: $where: 'loc $k' has more than one entry:"
    awk -F '\t' -v k="$k" '$1 == k { print "  " $2 }' "$tmp/$where.keys"
  done > "$tmp/$where.dups"
  [ -s "$tmp/$where.dups" ] && { cat "$tmp/$where.dups"; status=1; }
  grep -Eq -- '(^|[^a-z-])--help([^a-z-]|$)' "$tmp/$where" || fail "$where: --help is not mentioned"
done

commands=$("$loc" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p')
[ -n "$commands" ] || fail "no commands in loc --help"
nforms=0 nopts=0
for c in $commands; do
  "$loc" "$c" --help > "$tmp/help" 2>&1 || { fail "loc $c --help exits non-zero"; continue; }
  usage_lines < "$tmp/help" > "$tmp/usage"
  [ -s "$tmp/usage" ] || fail "loc $c --help has no Usage line"
  # Subcommands' own help (loc idn lgr --help) adds their forms and options.
  for s in $(keys < "$tmp/usage" | cut -f1 | awk '{ print $2 }' | grep -v '^-' | sort -u); do
    if "$loc" "$c" "$s" --help > "$tmp/subhelp" 2>/dev/null; then
      usage_lines < "$tmp/subhelp" >> "$tmp/usage"
      cat "$tmp/subhelp" >> "$tmp/help"
    fi
  done
  keys < "$tmp/usage" | cut -f1 | sort -u > "$tmp/forms"
  while read -r k; do
    nforms=$((nforms + 1)); [ -n "${CHECK_DOCS_DEBUG:-}" ] && echo "form: $k"
    grep -q "^$k	" "$tmp/readme.keys" || fail "README ## Usage has no entry for 'loc $k'"
    grep -q "^$k	" "$tmp/man.keys" || fail "man page SYNOPSIS has no entry for 'loc $k'"
  done < "$tmp/forms"
  options < "$tmp/help" | sort -u | grep -Ev '(^|\|)(--help|-h)(\||$)' > "$tmp/opts"
  awk -F '\t' -v c="$c" '$1 == c || index($1, c " ") == 1 { print $2 }' "$tmp/readme.keys" > "$tmp/r.c"
  awk -F '\t' -v c="$c" '$1 == c || index($1, c " ") == 1 { print $2 }' "$tmp/man.keys" > "$tmp/m.c"
  while read -r item; do
    nopts=$((nopts + 1))
    re="(^|[^A-Za-z0-9-])($item)([^A-Za-z0-9-]|$)"
    grep -Eq -- "$re" "$tmp/r.c" || fail "README ## Usage: 'loc $c' entries lack $item"
    grep -Eq -- "$re" "$tmp/m.c" || fail "man page SYNOPSIS: 'loc $c' entries lack $item"
  done < "$tmp/opts"
done

# docs/README.md links every page once, and only pages that exist.
for f in "$src"/docs/*.md; do
  b=$(basename "$f")
  [ "$b" = README.md ] && continue
  n=$(grep -o "](\(\./\)\{0,1\}$b)" "$src/docs/README.md" | wc -l)
  [ "$n" = 1 ] || fail "docs/README.md links $b $n times (want 1)"
done
for l in $(grep -o '](\(\./\)\{0,1\}[^)#]*\.md)' "$src/docs/README.md" | sed 's/^](//; s/)$//; s/^\.\///'); do
  [ -f "$src/docs/$l" ] || fail "docs/README.md links $l, which does not exist"
done

[ $status = 0 ] && echo "docs: $nforms command forms and $nopts options of $(echo $commands | wc -w) commands in README ## Usage and the man SYNOPSIS; $(ls "$src"/docs/*.md | wc -l) docs pages linked"
exit $status
