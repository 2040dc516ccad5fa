#!/bin/sh
# The man page renders without a single groff warning, and documents every
# command that `loc --help` lists. Skipped (77) without groff.
# Usage: check-man.sh LOC MANPAGE
set -u
loc=$1 page=$2
if ! command -v groff >/dev/null 2>&1; then
  echo "SKIP: groff is not installed"
  exit 77
fi
status=0
warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
if [ -n "$warnings" ]; then
  echo "FAIL: groff warnings for $page:"; echo "$warnings"; status=1
fi
commands=$("$loc" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p')
[ -n "$commands" ] || { echo "FAIL: no commands in loc --help"; status=1; }
for c in $commands; do
  grep -q "^\.SS \"loc $c\"" "$page" || { echo "FAIL: $page has no section .SS \"loc $c\""; status=1; }
done
[ $status = 0 ] && echo "man page: renders cleanly, documents" $commands
exit $status
