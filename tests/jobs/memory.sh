#!/bin/bash
# Bounded memory with --jobs 2: peak RSS of `loc normalize -j 2` and
# `loc script --json -j 2` on 96 MB of piped text stays under 40 MB and within
# 8 MB of what they need for 6 MB (the batches in flight do not grow with the
# input). Skipped (77) without GNU time.
#
# Usage: memory.sh LOC
set -u
loc=$1
[ -x /usr/bin/time ] || { echo "skipped: /usr/bin/time (GNU time) is missing"; exit 77; }
# Sanitizers keep freed memory in quarantine: RSS says nothing there.
if grep -q -e __asan_init -e __tsan_init "$loc" 2>/dev/null; then
  echo "skipped: a sanitizer build"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
# rss MB ARGS...: peak RSS in KB of loc ARGS -j 2 on MB megabytes of text.
rss() {
  local mb=$1; shift
  yes "$(printf 'Всеобщая декларация прав человека — e\xcc\x81 Universal Declaration')" |
    head -c "${mb}000000" | /usr/bin/time -f %M -o "$tmp/rss" "$loc" "$@" -j 2 >/dev/null 2>&1
  tail -n 1 "$tmp/rss" # GNU time puts "exited with status 1" before it (a cut last line)
}
for args in "normalize -f nfd" "script --json"; do
  small=$(rss 6 $args)
  big=$(rss 96 $args)
  echo "$args -j 2: peak RSS $small KB on 6 MB, $big KB on 96 MB"
  if [ "$big" -gt 40960 ] || [ "$big" -gt $((small + 8192)) ]; then
    echo "FAIL: $args: memory grows with the input"; fail=1
  fi
done
exit $fail
