# Accuracy of a detector's output (TRUTH SCRIPT GUESS CONF ANSWER per line):
# overall, per script; with -v calib=1 also the calibration table.
# -v only=FILE restricts to the ISO 639-3 codes listed (one per line).
BEGIN { FS = "\t" }
FNR == NR && only != "" && FILENAME == only { keep[$1] = 1; next }
{
  if (only != "" && !($1 in keep)) next
  n++; ok += ($3 == $1); ns[$2]++; oks[$2] += ($3 == $1)
  if ($5 != "und") { ans++; ansok += ($5 == $1) }
  b = int($4 * 10); if (b > 9) b = 9
  cb[b]++; cok[b] += ($3 == $1)
  if ($4 >= 0.9) { hi++; hiok += ($3 == $1) }
}
END {
  printf "all\t%d\t%.2f\n", n, n ? 100 * ok / n : 0
  for (s in ns) printf "script:%s\t%d\t%.2f\n", s, ns[s], 100 * oks[s] / ns[s] | "sort"
  close("sort")
  if (calib) {
    printf "answered (not und)\t%d\t%.2f\n", ans, ans ? 100 * ansok / ans : 0
    printf "confidence>=0.9\t%d\t%.2f\n", hi, hi ? 100 * hiok / hi : 0
    for (b = 0; b < 10; b++) if (cb[b]) printf "conf[%.1f,%.1f%s\t%d\t%.2f\n", b / 10, (b + 1) / 10, b == 9 ? "]" : ")", cb[b], 100 * cok[b] / cb[b]
  }
}
