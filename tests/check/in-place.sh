#!/bin/sh
# `loc check --fix -i`: the file gets the fixed text, keeps its mode, no
# temporary file is left; a file that cannot be replaced stays as it was.
# Usage: in-place.sh LOC
set -eu
loc=$1
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
printf 'cafe\314\201\n\340\244\205\340\245\206 ok\nkeep \377\n' > "$tmp/a.txt"
printf 'caf\303\251\n\340\244\204 ok\nkeep \377\n' > "$tmp/want"
chmod 640 "$tmp/a.txt"
status=0
"$loc" check --fix -i "$tmp/a.txt" > "$tmp/out" 2> "$tmp/err" || status=$?
[ $status = 1 ] || { echo "FAIL: exit status $status, want 1 (errors found)"; cat "$tmp/err"; exit 1; }
cmp "$tmp/a.txt" "$tmp/want" || { echo "FAIL: fixed file differs"; od -c "$tmp/a.txt"; exit 1; }
[ "$(stat -c %a "$tmp/a.txt")" = 640 ] || { echo "FAIL: mode not kept"; exit 1; }
[ "$(grep -c '\[' "$tmp/out")" = 3 ] || { echo "FAIL: want 3 findings on stdout"; cat "$tmp/out"; exit 1; }
[ ! -s "$tmp/err" ] || { echo "FAIL: unexpected stderr"; cat "$tmp/err"; exit 1; }
[ "$(ls "$tmp" | wc -l)" = 4 ] || { echo "FAIL: stray files"; ls "$tmp"; exit 1; }
# a folder without write permission: no temporary file, the file unchanged
if [ "$(id -u)" != 0 ]; then
  mkdir "$tmp/ro"
  printf 'cafe\314\201\n' > "$tmp/ro/b.txt"
  cp "$tmp/ro/b.txt" "$tmp/ro-before"
  chmod 555 "$tmp/ro"
  status=0
  "$loc" check --fix -i "$tmp/ro/b.txt" > /dev/null 2> "$tmp/err" || status=$?
  [ $status = 2 ] || { echo "FAIL: read-only folder: exit $status, want 2"; exit 1; }
  cmp "$tmp/ro/b.txt" "$tmp/ro-before" || { echo "FAIL: read-only file changed"; exit 1; }
fi
# -i without a file is a usage error
status=0
"$loc" check --fix -i < /dev/null > /dev/null 2>&1 || status=$?
[ $status = 2 ] || { echo "FAIL: -i on stdin: exit $status, want 2"; exit 1; }
echo "ok"
