#!/bin/sh
# Runs the CLI golden cases of one group: run-golden.sh LOC CASES_DIR GROUP
# A case is a folder CASES_DIR/GROUP-NAME/ with:
#   cmd     the arguments to loc, one per line (so arguments may hold spaces)
#   stdin   optional standard input (default: empty)
#   stdout, stderr, status   expected results (missing stdout/stderr = empty,
#           missing status = 0)
#   stdout-to   optional: a path (such as /dev/full) standard output goes to
#           instead of being compared
# The command runs inside the case folder, so FILE operands are relative.
# LOC_UPDATE_GOLDEN=1 rewrites the expected files from what loc does now.
set -u
loc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") cases=$2 group=$3
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for dir in "$cases"/"$group"-*/; do
  [ -f "$dir/cmd" ] || continue
  name=$(basename "$dir")
  set --
  while IFS= read -r arg || [ -n "$arg" ]; do set -- "$@" "$arg"; done < "$dir/cmd"
  input=/dev/null
  [ -f "$dir/stdin" ] && input="$dir/stdin"
  target="$tmp/out"
  [ -f "$dir/stdout-to" ] && target=$(cat "$dir/stdout-to")
  : > "$tmp/out"
  (cd "$dir" && "$loc" "$@" < "$input" > "$target" 2> "$tmp/err"; echo $? > "$tmp/status")
  if [ "${LOC_UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$tmp/out" "$dir/stdout"; cp "$tmp/err" "$dir/stderr"; cp "$tmp/status" "$dir/status"
    [ -s "$dir/stdout" ] || rm -f "$dir/stdout"
    [ -s "$dir/stderr" ] || rm -f "$dir/stderr"
    [ "$(cat "$dir/status")" = 0 ] && rm -f "$dir/status"
  fi
  ok=1
  for f in stdout stderr; do
    want="$dir/$f"; [ -f "$want" ] || want=/dev/null
    got="$tmp/out"; [ "$f" = stderr ] && got="$tmp/err"
    if ! cmp -s "$want" "$got"; then
      ok=0; echo "FAIL $name: $f differs"; diff "$want" "$got" | head -20
    fi
  done
  want_status=0; [ -f "$dir/status" ] && want_status=$(cat "$dir/status")
  if [ "$(cat "$tmp/status")" != "$want_status" ]; then
    ok=0; echo "FAIL $name: exit status $(cat "$tmp/status"), expected $want_status"
  fi
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "$group: $pass passed, $fail failed"
[ $((pass + fail)) -gt 0 ] || { echo "no cases for group $group"; exit 1; }
[ $fail = 0 ]
