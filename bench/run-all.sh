#!/bin/sh
# Runs every benchmark in bench/ with the same options, e.g.
#   bench/run-all.sh -B build -s 128M -n 5
# (-B, -s and -n are passed to each; see normalize.sh, script.sh and segment.sh.)
# Exit status: 1 if a benchmark failed or found differing outputs.
here=$(cd "$(dirname "$0")" && pwd)
status=0
"$here/normalize.sh" "$@" || status=1
echo
"$here/script.sh" "$@" || status=1
echo
"$here/segment.sh" "$@" || status=1
exit $status
