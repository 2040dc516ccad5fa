#!/bin/sh
# One contract for every command: `--help` works and, when standard output
# cannot be written (/dev/full), exits 2 with a message; an unknown option,
# a missing file and a directory where a file belongs exit 2 with one
# message that names the problem (a "Try 'loc ... --help'." hint may
# follow); output that cannot be written is exit 2 with a message naming
# standard output (or the -o file).
# Usage: contract.sh LOC SOURCE_ROOT
set -u
loc=$1 src=$2
font=/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf
[ -f "$font" ] || { echo "SKIP: $font is not installed (fonts-noto-core)"; exit 77; }
[ -w /dev/full ] || { echo "SKIP: no /dev/full"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/a-directory"
printf 'example.com\n' > "$tmp/registered"
lgr=$src/tests/lgr/features.xml
fails=0
fail() { echo "FAIL: $*"; sed 's/^/    /' "$tmp/err"; fails=$((fails + 1)); }

# the run's stderr holds exactly one "loc:" line containing $1, and at most
# a "Try 'loc" hint besides
one_message() {
  n=$(grep -c '^loc: ' "$tmp/err")
  others=$(grep -v -e '^loc: ' -e "^Try 'loc " "$tmp/err" | wc -l)
  [ "$n" = 1 ] && [ "$others" = 0 ] && grep '^loc: ' "$tmp/err" | grep -q -F -- "$1"
}

# NAME|ARGS for --help and options|ARGS with FILE for the missing file and
# the directory ('-': none)|ARGS for the run into /dev/full ('-': none)|STDIN for
# that run
while IFS='|' read -r name base fileargs fullargs input; do
  [ -n "$name" ] || continue
  case "$name" in \#*) continue ;; esac
  sub() { printf '%s' "$1" | sed -e "s|FONT|$font|g" -e "s|LGR|$lgr|g" \
      -e "s|REG|$tmp/registered|g" -e "s|TMP|$tmp|g"; }
  # shellcheck disable=SC2046
  set -- $name
  # --help: exit 0 and text; into /dev/full: exit 2 and a message
  "$loc" "$@" --help > "$tmp/out" 2> "$tmp/err"; st=$?
  [ $st = 0 ] && [ -s "$tmp/out" ] || fail "$name --help: exit $st or no text"
  "$loc" "$@" --help > /dev/full 2> "$tmp/err"; st=$?
  [ $st = 2 ] && one_message "standard output" || fail "$name --help > /dev/full: exit $st"
  # an unknown option
  # shellcheck disable=SC2046
  "$loc" "$@" $(sub "$base") --no-such-option < /dev/null > /dev/null 2> "$tmp/err"; st=$?
  [ $st = 2 ] && one_message "'--no-such-option'" || fail "$name --no-such-option: exit $st"
  if [ "$fileargs" != - ]; then
    for what in missing directory; do
      file=$tmp/no-such-file
      [ $what = directory ] && file=$tmp/a-directory
      # shellcheck disable=SC2046
      "$loc" "$@" $(sub "$fileargs" | sed "s|FILE|$file|") < /dev/null > /dev/null 2> "$tmp/err"
      st=$?
      [ $st = 2 ] && one_message "$(basename "$file")" || fail "$name, a $what: exit $st"
    done
  fi
  # output that cannot be written ('-': the command runs until stopped and
  # writes nothing to standard output: loc serve)
  [ "$fullargs" != - ] || continue
  target=/dev/full
  case "$fullargs" in *"-o /dev/full"*) target=$tmp/out ;; esac
  # shellcheck disable=SC2046
  printf '%b\n' "$input" | "$loc" "$@" $(sub "$fullargs") > "$target" 2> "$tmp/err"; st=$?
  want="standard output"
  [ "$target" = /dev/full ] || want=/dev/full
  [ $st = 2 ] && one_message "$want" || fail "$name > /dev/full: exit $st"
done <<EOF_TABLE
normalize||FILE||cafe\\0314\\0201
script||FILE||hello
tag||-||en
segment|--by word|--by word FILE|--by word|hello world
idn|to-ascii|check --lgr FILE|to-ascii|example.com
idn lgr|--lgr LGR|--lgr FILE|--lgr LGR|a
idn variants|--lgr LGR|--lgr FILE|--lgr LGR|a
idn confusables|--against REG|--against FILE|--against REG|example.com
sort||FILE||b\\na
key||FILE||Hello
check||FILE||cafe\\0314\\0201
convert|--from koi8-r|--from koi8-r FILE|--from koi8-r|hello
shape|--font FONT|--font FILE|--font FONT|hello
fontcheck|--font FONT --lang de|--font FILE --lang de|--font FONT --lang de|
render|--font FONT -o TMP/x.png|--font FILE -o TMP/x.png|--font FONT -o /dev/full|hello
translit|-t Any-Latin|-t Any-Latin FILE|-t Any-Latin|privet
detect||FILE||hello world
serve||-|-|
EOF_TABLE
# every command of `loc --help` is in the table
for c in $("$loc" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p'); do
  grep -q "^$c|" "$0" || { echo "FAIL: command $c is not in the table"; fails=$((fails + 1)); }
done
# the dispatcher itself
"$loc" --help > /dev/full 2> "$tmp/err"; st=$?
[ $st = 2 ] && one_message "standard output" || fail "loc --help > /dev/full: exit $st"
"$loc" --version > /dev/full 2> "$tmp/err"; st=$?
[ $st = 2 ] && one_message "standard output" || fail "loc --version > /dev/full: exit $st"
"$loc" no-such-command > /dev/null 2> "$tmp/err"; st=$?
[ $st = 2 ] && one_message "'no-such-command'" || fail "loc no-such-command: exit $st"
[ $fails = 0 ] && echo "contract: every command keeps it"
[ $fails = 0 ]
