#!/bin/sh
# `loc check --fix -i`: the file gets the fixed text, keeps its mode, no
# temporary file is left; a file that cannot be replaced stays as it was.
# Only regular files with one link are edited: '-', a symbolic link (unless
# --follow-symlinks, which edits the target), a FIFO and a file with two
# hard links are refused with exit status 2 and a message naming them;
# owner and group are kept; a file with nothing to fix keeps its inode; the
# new file is synced before the rename.
# Usage: in-place.sh LOC
set -eu
loc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
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

fail() { echo "FAIL: $*"; exit 1; }
# refused: exit 2, one message naming the operand, nothing changed
refused() { # NAME ARGS...
  what=$1; shift
  status=0
  (cd "$tmp" && timeout 20 "$loc" check --fix -i "$@") > "$tmp/out" 2> "$tmp/err" || status=$?
  [ $status = 2 ] || fail "$what: exit status $status, want 2"
  grep -q "^loc: $what: " "$tmp/err" || { cat "$tmp/err"; fail "$what: no message naming it"; }
}
d=$tmp/refuse
mkdir "$d"
printf 'cafe\314\201\n' > "$d/target.txt"
cp "$d/target.txt" "$d/target-before"
ln -s target.txt "$d/link.txt"
refused refuse/link.txt refuse/link.txt
[ -L "$d/link.txt" ] || fail "symlink replaced by a file"
cmp -s "$d/target.txt" "$d/target-before" || fail "symlink target changed without --follow-symlinks"
# --follow-symlinks: the target gets the fix, the link stays a link
"$loc" check --fix -i --follow-symlinks "$d/link.txt" > /dev/null 2>&1 || true
[ -L "$d/link.txt" ] || fail "--follow-symlinks: the link was replaced"
[ "$(cat "$d/target.txt")" = "$(printf 'caf\303\251')" ] || fail "--follow-symlinks: target not fixed"
# a FIFO: refused at once (no open that waits for a writer)
mkfifo "$d/fifo"
refused refuse/fifo refuse/fifo
[ -p "$d/fifo" ] || fail "the FIFO was replaced"
# '-': refused, and no file named <stdin> or -.XXXXXX appears
refused - -
[ -z "$(ls "$tmp" | grep -v -e '^a.txt$' -e '^want$' -e '^out$' -e '^err$' -e '^refuse$' -e '^ro$' -e '^ro-before$')" ] || { ls "$tmp"; fail "'-': stray files"; }
# a directory
refused refuse refuse
# two hard links: refused, both names still one file with the old text
printf 'cafe\314\201\n' > "$d/one.txt"
ln "$d/one.txt" "$d/two.txt"
refused refuse/one.txt refuse/one.txt
[ "$(stat -c %i "$d/one.txt")" = "$(stat -c %i "$d/two.txt")" ] || fail "hard link split"
cmp -s "$d/one.txt" "$d/target-before" || fail "hard-linked file changed"
# a file with nothing to fix: same inode, same modification time
printf 'clean text\n' > "$d/clean.txt"
touch -d '2001-01-01 00:00:00' "$d/clean.txt"
before=$(stat -c '%i %Y' "$d/clean.txt")
"$loc" check --fix -i "$d/clean.txt" > /dev/null || fail "clean file: exit status $?"
[ "$(stat -c '%i %Y' "$d/clean.txt")" = "$before" ] || fail "clean file rewritten"
[ "$(ls "$d" | grep -c XXXX)" = 0 ] && [ -z "$(ls "$d" | grep 'clean.txt.')" ] || { ls "$d"; fail "clean file: temporary left"; }
# group (and owner) kept: as root, a file owned by nobody:nogroup
if [ "$(id -u)" = 0 ] && getent group nogroup > /dev/null && getent passwd nobody > /dev/null; then
  printf 'cafe\314\201\n' > "$d/grp.txt"
  chown nobody:nogroup "$d/grp.txt"
  chmod 604 "$d/grp.txt"
  "$loc" check --fix -i "$d/grp.txt" > /dev/null || true
  [ "$(cat "$d/grp.txt")" = "$(printf 'caf\303\251')" ] || fail "group test: not fixed"
  [ "$(stat -c '%U:%G %a' "$d/grp.txt")" = "nobody:nogroup 604" ] || fail "owner/group/mode not kept: $(stat -c '%U:%G %a' "$d/grp.txt")"
else
  echo "(owner and group: not root, not tested)"
fi
# the fixed text is synced before the rename (when strace is there)
if command -v strace > /dev/null 2>&1; then
  printf 'cafe\314\201\n' > "$d/sync.txt"
  strace -f -e trace=fsync,fdatasync,rename,renameat,renameat2 -o "$tmp/trace" \
    "$loc" check --fix -i "$d/sync.txt" > /dev/null 2>&1 || true
  order=$(grep -o -E '^[0-9]+ +(fsync|fdatasync|rename[a-z0-9]*)' "$tmp/trace" | awk '{print $2}' | tr '\n' ' ')
  case "$order" in
    *sync*rename*) ;;
    *rename*) fail "no fsync before the rename: $order" ;;
    *) echo "(fsync order: strace cannot trace here, not tested)" ;;
  esac
else
  echo "(fsync order: no strace, not tested)"
fi
echo "ok"
