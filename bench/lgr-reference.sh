#!/bin/sh
# Agreement of `loc idn variants` with ICANN's lgr-core on the labels of
# ../shared/testdata/lgr/reference-sample.tsv (lgr-core's dispositions and
# variant counts). `meson test` runs it (lgr-core-reference); exit 1 when
# anything disagrees.
# Usage: bench/lgr-reference.sh [LOC] [LGR-DIR]     (exit 77 without the folder;
# LGR-DIR defaults to $LOC_SHARED_TESTDATA/lgr, else ../shared/testdata/lgr)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
loc=${1:-$here/build/cli/loc}
dir=${2:-${LOC_SHARED_TESTDATA:-$here/../shared/testdata}/lgr}
[ -f "$dir/reference-sample.tsv" ] || { echo "no $dir/reference-sample.tsv: skipped"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
grep -v '^#' "$dir/reference-sample.tsv" > "$tmp/ref"
cut -f1 "$tmp/ref" | sort -u > "$tmp/files"
: > "$tmp/ours"
while IFS= read -r f; do
  awk -F'\t' -v f="$f" '$1 == f {print $2}' "$tmp/ref" > "$tmp/labels"
  # Summary line: label, disposition, reason, index, count, complete|truncated;
  # then one "<TAB>variant<TAB>disposition" line per variant.
  "$loc" idn variants --lgr "$dir/$f" < "$tmp/labels" 2>/dev/null |
    awk -F'\t' -v f="$f" '
      function flush() {
        if (label == "") return
        s = ""
        if (trunc == "truncated") s = "estimate:" (count + 1)
        else {
          if (disp != "invalid") n[disp]++
          m = 0; for (d in n) keys[++m] = d
          for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (keys[j] < keys[i]) { t = keys[i]; keys[i] = keys[j]; keys[j] = t }
          for (i = 1; i <= m; i++) s = s (i > 1 ? "," : "") keys[i] ":" n[keys[i]]
          if (disp == "invalid") s = ""
        }
        print f "\t" label "\t" disp "\t" s
        delete n; delete keys; label = ""
      }
      $1 != "" { flush(); label = $1; disp = $2; count = $5; trunc = $6; next }
      { n[$3]++ }
      END { flush() }' >> "$tmp/ours"
done < "$tmp/files"
awk -F'\t' '
  NR == FNR { ours[$1 "\t" $2] = $3 "\t" $4; next }
  {
    key = $1 "\t" $2; total++
    split(ours[key], o, "\t")
    if (!(key in ours)) { print "missing: " key; next }
    if (o[1] == $3) disp_ok++; else print "disposition differs: " key ": ours " o[1] ", lgr-core " $3
    if ($4 ~ /^estimate:/) {
      est++
      if (o[2] == $4) est_ok++
      else if (o[2] !~ /^estimate:/) est_exact++
      else print "estimate differs: " key ": ours " o[2] ", lgr-core " $4
    } else {
      exact++
      if (o[2] == $4) var_ok++; else print "variants differ: " key ": ours " o[2] ", lgr-core " $4
    }
  }
  END {
    printf "labels: %d\n", total
    printf "disposition agrees: %d/%d (%.1f%%)\n", disp_ok, total, 100 * disp_ok / total
    printf "variant summary agrees (exact counts): %d/%d (%.1f%%)\n", var_ok, exact, exact ? 100 * var_ok / exact : 0
    printf "estimates: %d; equal: %d; we counted exactly instead: %d\n", est, est_ok, est_exact
    exit (disp_ok == total && var_ok == exact && est_ok + est_exact == est) ? 0 : 1
  }' "$tmp/ours" "$tmp/ref"
