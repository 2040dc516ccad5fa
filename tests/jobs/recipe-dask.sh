#!/bin/bash
# The Dask recipe of README.md ("Processing a corpus larger than one
# machine"), run for real: a LocalCluster of two worker processes maps `loc
# normalize -f nfd` and `loc script --summary --json` over the partitions of
# a text bag; the concatenated output, and the merged summaries, equal a
# single `loc` run byte for byte. Skipped (77) when Debian's
# python3-distributed is not installed.
#
# Usage: recipe-dask.sh LOC SOURCE_ROOT
set -u
loc=$1 root=$2
py=/usr/bin/python3
if ! [ -x $py ] || ! $py -c 'import dask.bag, distributed' 2>/dev/null; then
  echo "skipped: python3-distributed (Dask) is not installed"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ls "$root"/corpora/cache/udhr/txt/*.txt >/dev/null 2>&1; then
  cat "$root"/corpora/cache/udhr/txt/*.txt | head -c 1000000 >"$tmp/in"
else
  for i in $(seq 1 20000); do printf 'line %d: ä\xcc\x88 Ω 世界\n' "$i"; done >"$tmp/in"
fi
printf 'bad \xff byte\n' >>"$tmp/in"
mkdir "$tmp/bin"
ln -s "$(cd "$(dirname "$loc")" && pwd)/$(basename "$loc")" "$tmp/bin/loc"

cat >"$tmp/recipe.py" <<'PY'
import subprocess, sys
import dask.bag as db
from dask.distributed import Client, LocalCluster

def loc_lines(lines, *args):
    """One `loc` process per partition: its lines in, its output lines out."""
    data = "".join(lines).encode("utf-8", "surrogateescape")
    out = subprocess.run(["loc", *args], input=data, stdout=subprocess.PIPE).stdout
    return out.splitlines(keepends=True)

if __name__ == "__main__":
    src, out_nfd, out_sum = sys.argv[1:4]
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster):
        bag = db.read_text(src, blocksize="64kB", linedelimiter="\n",
                           encoding="utf-8", errors="surrogateescape")
        print(f"{bag.npartitions} partitions", file=sys.stderr)
        for dst, args in ((out_nfd, ["normalize", "-f", "nfd"]),
                          (out_sum, ["script", "--summary", "--json"])):
            with open(dst, "wb") as f:
                for line in bag.map_partitions(loc_lines, *args).compute():
                    f.write(line)
PY

fail=0
PATH=$tmp/bin:$PATH $py "$tmp/recipe.py" "$tmp/in" "$tmp/dask.nfd" "$tmp/dask.sum" 2>"$tmp/log" ||
  { cat "$tmp/log"; exit 1; }
"$loc" normalize -f nfd "$tmp/in" >"$tmp/one.nfd" 2>/dev/null
if cmp "$tmp/one.nfd" "$tmp/dask.nfd"; then
  echo "ok: normalize over $(grep -o '^[0-9]* partitions' "$tmp/log") equals one run ($(wc -c <"$tmp/one.nfd") bytes)"
else
  fail=1
fi
"$loc" script --merge --json "$tmp/dask.sum" >"$tmp/merged"
"$loc" script --summary --json "$tmp/in" >"$tmp/one.sum" 2>/dev/null
if cmp "$tmp/one.sum" "$tmp/merged"; then
  echo "ok: $(wc -l <"$tmp/dask.sum") partial summaries merge into the single-run summary"
else
  fail=1
fi
exit $fail
