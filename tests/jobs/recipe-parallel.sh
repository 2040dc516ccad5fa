#!/bin/bash
# The GNU parallel recipes of README.md ("Processing a corpus larger than one
# machine"), run for real: `parallel --pipe --block 64k -k` cuts the input at
# line ends into many parts, runs one `loc` per part and keeps their order;
# the result equals one `loc` run byte for byte, for text filters (normalize,
# script, segment, idn) and for summaries merged with `loc script --merge`.
# The --sshlogin form runs with ':' (this machine), which takes the same path
# as a remote host without needing ssh. Skipped (77) without Debian's parallel.
#
# Usage: recipe-parallel.sh LOC SOURCE_ROOT
set -u
loc=$1 root=$2
if ! command -v parallel >/dev/null 2>&1; then
  echo "skipped: GNU parallel is not installed"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ls "$root"/corpora/cache/udhr/txt/*.txt >/dev/null 2>&1; then
  cat "$root"/corpora/cache/udhr/txt/*.txt | head -c 1500000 >"$tmp/in"
else
  for i in $(seq 1 30000); do printf 'line %d: ä\xcc\x88 Ω 世界\n' "$i"; done >"$tmp/in"
fi
printf 'bad \xff byte\n' >>"$tmp/in"
tr -s ' \t' '\n\n' <"$tmp/in" | head -n 40000 | sed 's/$/.example/' >"$tmp/names"
mkdir "$tmp/bin"
ln -s "$(cd "$(dirname "$loc")" && pwd)/$(basename "$loc")" "$tmp/bin/loc"
export PATH=$tmp/bin:$PATH
# Keep parallel's own files (it writes ~/.parallel) out of the home folder.
export HOME=$tmp PARALLEL_HOME=$tmp/.parallel
fail=0

# same NAME INPUT CMD...: parallel --pipe on INPUT vs one run of CMD.
same() {
  local name=$1 input=$2; shift 2
  parallel --pipe --block 64k -k "$@" <"$input" >"$tmp/par" 2>/dev/null
  "$@" <"$input" >"$tmp/one" 2>/dev/null
  local parts=$(( ($(wc -c <"$input") + 65535) / 65536 ))
  if cmp -s "$tmp/one" "$tmp/par" && [ -s "$tmp/one" ]; then
    echo "ok: $name in ~$parts parts equals one run ($(wc -c <"$tmp/one") bytes)"
  else
    echo "FAIL: $name: parallel --pipe output differs"; cmp "$tmp/one" "$tmp/par"; fail=1
  fi
}
same "normalize" "$tmp/in" loc normalize -f nfd
same "script" "$tmp/in" loc script
same "segment" "$tmp/in" loc segment --by word
same "idn to-ascii" "$tmp/names" loc idn to-ascii

# Summaries: per part, then merged.
parallel --pipe --block 64k loc script --summary --json <"$tmp/in" 2>/dev/null |
  loc script --merge --json >"$tmp/merged"
loc script --summary --json <"$tmp/in" >"$tmp/one" 2>/dev/null
if cmp -s "$tmp/one" "$tmp/merged"; then
  echo "ok: script --summary per part, merged, equals one run"
else
  echo "FAIL: merged summaries differ"; diff "$tmp/one" "$tmp/merged"; fail=1
fi

# A file: --pipepart cuts it without passing it through parallel itself.
parallel --pipepart -a "$tmp/in" --block 64k -k loc normalize -f nfkc <"$tmp/in" >"$tmp/par" 2>/dev/null
loc normalize -f nfkc <"$tmp/in" >"$tmp/one" 2>/dev/null
if cmp -s "$tmp/one" "$tmp/par"; then
  echo "ok: --pipepart equals one run"
else
  echo "FAIL: --pipepart output differs"; fail=1
fi

# Several hosts: --sshlogin; ':' is this machine.
parallel --sshlogin : --pipe --block 64k -k loc normalize <"$tmp/in" >"$tmp/par" 2>/dev/null
loc normalize <"$tmp/in" >"$tmp/one" 2>/dev/null
if cmp -s "$tmp/one" "$tmp/par"; then
  echo "ok: --sshlogin : --pipe equals one run"
else
  echo "FAIL: --sshlogin output differs"; fail=1
fi
exit $fail
