#!/bin/bash
# The progress line: with --progress it appears on stderr even when stderr
# is a file (bytes, lines, rate; percentage and time left for regular files
# only), it is cleared at the end, it never reaches stdout and it leaves the
# diagnostics intact; without --progress a non-terminal stderr gets nothing;
# on a terminal (util-linux `script`, when present) it appears by itself on a
# run that lasts more than half a second.
#
# Usage: progress.sh LOC
set -u
loc=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

for i in $(seq 1 20000); do
  printf 'line %d: Všeobecná deklarace lidských práv\n' "$i"
done >"$tmp/in"
printf 'bad \xff byte\n' >>"$tmp/in"
esc=$(printf '\033')
# Removes the status lines: each is "\r...ESC[K" (the clear is "\rESC[K").
strip() { sed "s/\r[^\r]*${esc}\[K//g" "$1"; }

for j in 1 2; do
  "$loc" normalize -j $j "$tmp/in" >"$tmp/plain.out" 2>"$tmp/plain.err"
  s1=$?
  "$loc" normalize -j $j --progress "$tmp/in" >"$tmp/p.out" 2>"$tmp/p.err"
  s2=$?
  [ $s1 = 1 ] && [ $s2 = 1 ] || bad "-j $j: status $s1 / $s2, expected 1 (one bad line)"
  cmp -s "$tmp/plain.out" "$tmp/p.out" || bad "-j $j: --progress changed stdout"
  grep -q 'loc normalize:' "$tmp/p.out" && bad "-j $j: status line on stdout"
  [ -s "$tmp/plain.err" ] && ! grep -q "$esc" "$tmp/plain.err" || bad "-j $j: stderr without --progress"
  grep -q 'loc normalize: [0-9.]* MB, 20001 lines, [0-9.]* MB/s, 100%, 0:00:00 left' "$tmp/p.err" ||
    bad "-j $j: no final status line with --progress: $(cat -v "$tmp/p.err")"
  [ "$(tail -c 4 "$tmp/p.err" | od -An -c | tr -d ' ')" = '\r033[K' ] ||
    bad "-j $j: the status line is not cleared at the end"
  strip "$tmp/p.err" | cmp -s - "$tmp/plain.err" || bad "-j $j: diagnostics changed by --progress"
done

# Standard input from a pipe: no size, so no percentage.
cat "$tmp/in" | "$loc" script --progress >/dev/null 2>"$tmp/pipe.err"
grep -q 'loc script: [0-9.]* MB, 20001 lines, [0-9.]* MB/s' "$tmp/pipe.err" ||
  bad "pipe: no status line"
grep -q '%' "$tmp/pipe.err" && bad "pipe: a percentage without a size"
# idn and segment take the option too.
"$loc" idn to-ascii --progress <"$tmp/in" >/dev/null 2>"$tmp/idn.err"
grep -q 'loc idn:' "$tmp/idn.err" || bad "idn: no status line"
"$loc" segment --by word -j 2 --progress "$tmp/in" >/dev/null 2>"$tmp/seg.err"
grep -q 'loc segment: .*100%' "$tmp/seg.err" || bad "segment: no status line"

# A terminal: shown without asking once the run lasts (input arrives over
# about a second); stdout goes to a file, so only stderr is on the terminal.
if command -v script >/dev/null 2>&1; then
  script -qec "(cat '$tmp/in'; sleep 1.2; cat '$tmp/in') | '$loc' normalize >'$tmp/tty.out'" \
    "$tmp/tty.log" >/dev/null 2>&1 </dev/null
  grep -q 'loc normalize: [0-9.]* MB, [0-9]* lines' "$tmp/tty.log" ||
    bad "terminal: no status line: $(cat -v "$tmp/tty.log" | head -c 300)"
  grep -q 'loc normalize:' "$tmp/tty.out" && bad "terminal: status line on stdout"
  script -qec "'$loc' normalize '$tmp/in' >/dev/null" "$tmp/quiet.log" >/dev/null 2>&1 </dev/null
  grep -q 'loc normalize:' "$tmp/quiet.log" && bad "terminal: a short run shows a status line"
else
  echo "skipped the terminal part: util-linux script is missing"
fi
exit $fail
