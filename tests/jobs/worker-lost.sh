#!/bin/bash
# A worker process of `loc translit -j 2` (par_job.isolate: workers are
# processes) that dies is reported in its place and stops the input, never
# lost silently. `ulimit -t 1` makes the kernel kill each worker process
# (SIGXCPU) after one second of transliterating, while the reading process,
# which only copies bytes, stays under the limit. Expected: exit status 2,
# "a worker process ended; lines from N on were not processed" on stderr,
# and on stdout a prefix of what --jobs 1 writes (the batches before the
# lost one, nothing after it).
# Skipped (77) in sanitizer builds, and when the workers finished inside
# the limit or the reading process itself was stopped by it.
#
# Usage: worker-lost.sh LOC SOURCE_ROOT
set -u
loc=$1 root=$2
if grep -q -e __asan_init -e __tsan_init "$loc" 2>/dev/null; then
  echo "skipped: a sanitizer build"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# About 28 MB: several seconds of Any-Latin, so each worker reaches 1 s.
if ls "$root"/corpora/cache/udhr/txt/*.txt >/dev/null 2>&1; then
  for i in 1 2 3 4; do cat "$root"/corpora/cache/udhr/txt/*.txt; done >"$tmp/in"
else
  for i in $(seq 1 3000); do
    printf 'Line %d: Всеобщая декларация прав человека — 世界人権宣言 हिन्दी ქართული ᎠᏂᏴᏫ\n' "$i"
  done >"$tmp/one"
  for i in $(seq 1 90); do cat "$tmp/one"; done >"$tmp/in"
fi
"$loc" translit -t Any-Latin -j 1 <"$tmp/in" >"$tmp/o1" 2>"$tmp/e1" || {
  echo "FAIL: --jobs 1 failed"; cat "$tmp/e1"; exit 1; }
(ulimit -t 1; exec "$loc" translit -t Any-Latin -j 2 <"$tmp/in" >"$tmp/o2" 2>"$tmp/e2")
st=$?
if [ $st = 0 ] && cmp -s "$tmp/o1" "$tmp/o2"; then
  echo "skipped: the workers finished within one second of CPU time"
  exit 77
fi
if [ $st -gt 128 ]; then
  echo "skipped: the reading process itself was stopped by the limit (status $st)"
  exit 77
fi
fail=0
[ $st = 2 ] || { echo "FAIL: status $st, not 2"; fail=1; }
grep -q 'loc: <stdin>: a worker process ended; lines from [0-9]* on were not processed' "$tmp/e2" ||
  { echo "FAIL: no report of the lost worker:"; head -5 "$tmp/e2"; fail=1; }
n=$(wc -c <"$tmp/o2")
[ "$n" -lt "$(wc -c <"$tmp/o1")" ] || { echo "FAIL: stdout is not shorter than --jobs 1's"; fail=1; }
cmp -s -n "$n" "$tmp/o1" "$tmp/o2" || { echo "FAIL: stdout is not a prefix of --jobs 1's"; fail=1; }
lines=$(grep -o 'lines from [0-9]*' "$tmp/e2" | head -1 | grep -o '[0-9]*$')
# What was written ends exactly before the first line that was lost.
[ "$(wc -l <"$tmp/o2")" = $((lines - 1)) ] ||
  { echo "FAIL: $(wc -l <"$tmp/o2") lines written, the report says from line $lines"; fail=1; }
[ $fail = 0 ] && echo "ok: status 2, $n bytes ($((lines - 1)) lines) written before line $lines, reported"
exit $fail
