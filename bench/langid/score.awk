# Accuracy of a detector's output (TRUTH SCRIPT GUESS CONF ANSWER per line).
# First line: all, texts, % best guess right, % answer right, % und,
# texts with confidence >= 0.9, % of them right (the group answered, else
# the best guess: what the confidence is about). Then per script (best
# guess); with -v calib=1 also the calibration table.
# -v only=FILE restricts to the ISO 639-3 codes listed (one per line).
# An answer is right when it is the truth or the truth's macrolanguage or
# cluster (zho, fas, msa, hbs: the detector's group answers); "und" is wrong.
BEGIN {
  FS = "\t"
  split("cmn cjy gan hak hsn nan wuu yue", a, " "); for (i in a) grp[a[i]] = "zho"
  split("pes prs", a, " "); for (i in a) grp[a[i]] = "fas"
  split("zlm ind", a, " "); for (i in a) grp[a[i]] = "msa"
  split("bos hrv srp cnr", a, " "); for (i in a) grp[a[i]] = "hbs"
}
FNR == NR && only != "" && FILENAME == only { keep[$1] = 1; next }
{
  if (only != "" && !($1 in keep)) next
  n++; ok += ($3 == $1); ns[$2]++; oks[$2] += ($3 == $1)
  right = ($5 == $1 || (($1 in grp) && $5 == grp[$1]))
  und += ($5 == "und"); ansok += right
  if ($5 != "und") { ans++; ansright += right }
  # what the confidence is about: the group answered, else the best guess
  rc = ($5 == "zho" || $5 == "fas" || $5 == "msa" || $5 == "hbs") ? right : ($3 == $1)
  b = int($4 * 10); if (b > 9) b = 9
  cb[b]++; cok[b] += rc
  if ($4 >= 0.9) { hi++; hiok += rc }
}
END {
  printf "all\t%d\t%.2f\t%.2f\t%.2f\t%d\t%.2f\n", n, n ? 100 * ok / n : 0, n ? 100 * ansok / n : 0,
    n ? 100 * und / n : 0, hi, hi ? 100 * hiok / hi : 0
  for (s in ns) printf "script:%s\t%d\t%.2f\n", s, ns[s], 100 * oks[s] / ns[s] | "sort"
  close("sort")
  if (calib) {
    printf "answered (not und)\t%d\t%.2f\n", ans, ans ? 100 * ansright / ans : 0
    printf "confidence>=0.9\t%d\t%.2f\n", hi, hi ? 100 * hiok / hi : 0
    for (b = 0; b < 10; b++) if (cb[b]) printf "conf[%.1f,%.1f%s\t%d\t%.2f\n", b / 10, (b + 1) / 10, b == 9 ? "]" : ")", cb[b], 100 * cok[b] / cb[b]
  }
}
