#!/bin/sh
# bench/langid: accuracy, calibration, confusions and speed of `loc detect`
# next to franc-all 7.2.0 (node) and CLD2 (Debian libcld2-dev, full tables),
# on the held-out text tools/langid-train never trains on, by genre and
# length: UDHR paragraphs, 20-40 character snippets, two-word phrases and
# single words; Common Voice "paragraphs" (three sentences), sentences,
# two-word phrases and single words; CLDR emoji names and keywords; Debian
# package messages (gettext catalogues), spell-check words and manual-page
# sentences. Then the
# speed of the whole CLI on 22,500 sentences.
#   bench/langid/run.sh [-B BUILD] [-n REPEAT] [-f FRANC_REPEAT] [-s]
# -s: speed only: the library on the paragraphs and the CLI on the
#     sentences, without the accuracy tables.
# Needs: scripts/setup (the corpora, the Debian packages), ../shared/corpora/cv-sentences, node +
# npm (franc-all is installed into bench/out/node/), a build with
# -Dbench=true (turned on in it).
# Writes its work files to bench/out/langid/ and the tables to stdout.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$src/build repeat=5 frepeat=3 speed_only=0
sets="paragraphs snippets udhr-phrases udhr-words cv-paragraphs cv-sentences cv-phrases cv-words
  cldr-annotations debian-messages debian-words debian-manpages speed"
while getopts B:n:f:s o; do
  case $o in
  B) build=$(cd "$OPTARG" && pwd) ;;
  n) repeat=$OPTARG ;;
  f) frepeat=$OPTARG ;;
  s) speed_only=1 sets="paragraphs speed" ;;
  *) echo "usage: run.sh [-B BUILD] [-n REPEAT] [-f FRANC_REPEAT] [-s]" >&2; exit 2 ;;
  esac
done
# The benchmark programs are built only with the meson option bench on.
if ! grep -q '"name": "bench", "value": true' "$build/meson-info/intro-buildoptions.json" 2>/dev/null; then
  echo "run.sh: turning on -Dbench=true in $build" >&2
  meson configure "$build" -Dbench=true >/dev/null
fi
meson compile -C "$build" >/dev/null
out=$src/bench/out/langid node_dir=$src/bench/out/node
mkdir -p "$out" "$node_dir"
udhr=$src/corpora/cache/udhr
[ -f "$udhr/package/index.js" ] || { echo "run.sh: no corpus in $udhr (run scripts/setup)" >&2; exit 2; }

# Held-out text, exactly as the trainer splits it (the model it writes is
# compared with the committed one: the bench measures what is committed).
cv=$src/../shared/corpora/cv-sentences
cldr_version=$(sed -n 's/^ *"cldr-annotations-full \([^ ]*\) .*/\1/p' "$src/scripts/setup")
cldr=$src/corpora/cache/npm/cldr-annotations-full-$cldr_version/package
[ -f "$cv/README.md" ] || { echo "run.sh: no Common Voice sample in $cv" >&2; exit 2; }
[ -d "$cldr/annotations" ] || { echo "run.sh: no $cldr (run scripts/setup)" >&2; exit 2; }
"$build/tools/langid-train" --cv "$cv" --cldr "$cldr" --debian / --manifest "$out/model.debian.tsv" \
  "$udhr" "$out/model.bin" "$out" 2> "$out/train.log"
cmp -s "$out/model.bin" "$src/libloc/src/tables/detect_model.bin" ||
  echo "run.sh: warning: the committed model is not what the trainer makes now" >&2
cmp -s "$out/model.debian.tsv" "$src/libloc/src/tables/detect_model.debian.tsv" ||
  echo "run.sh: warning: the Debian packages here are not the ones the model was trained on" >&2

if [ ! -f "$node_dir/node_modules/franc-all/package.json" ]; then
  (cd "$node_dir" && npm install --silent --no-audit --no-fund franc-all@7.2.0 >&2)
fi
# franc-all's languages (ISO 639-3), from its data module
(cd "$node_dir" && node -e "import('./node_modules/franc-all/data.js').then((m) => {
  const s = new Set(); for (const k in m.data) for (const c in m.data[k]) s.add(c)
  console.log([...s].sort().join('\n')) })") > "$out/franc-langs.txt"

# The CLI speed input: the held-out Common Voice sentences, in turn, to
# 22,500 lines (TSV for the library drivers, the text alone for the CLI).
awk -v n=22500 '{ l[NR] = $0 } END { for (i = 0; i < n; i++) print l[i % NR + 1] }' \
  "$out/cv-sentences.tsv" > "$out/speed.tsv"
cut -f4 "$out/speed.tsv" > "$out/speed.txt"
head -n 2250 "$out/speed.tsv" > "$out/speed-franc.tsv"

# CLD2 allocates on every call: it runs on tcmalloc (Debian libtcmalloc-minimal4, installed by
# scripts/setup), a tuned allocator, as its users run it (9 % faster here than on glibc's
# malloc; jemalloc was slower). libloc allocates nothing per text.
cld2_preload=
for f in /usr/lib/*/libtcmalloc_minimal.so.4; do
  [ -f "$f" ] && { cld2_preload=$f; break; }
done
[ -n "$cld2_preload" ] || echo "run.sh: no libtcmalloc_minimal.so.4: CLD2 runs on the system malloc" >&2

score=$here/score.awk
for set in $sets; do
  # (the speed set too: CLD2's lines per second are the median of as many passes as the
  # CLI's runs, not one pass, whose time moves by ±15 % from run to run here)
  case $set in paragraphs | snippets | speed) r=$repeat fr=$frepeat ;; *) r=1 fr=1 ;; esac
  "$build/bench/langid/detect_eval" "$out/$set.tsv" "$r" > "$out/lib-$set.out" 2> "$out/lib-$set.time"
  if [ "$set" != speed ]; then
    node "$here/franc_eval.mjs" "$node_dir" "$out/$set.tsv" "$out/languages.tsv" "$fr" \
      > "$out/franc-$set.out" 2> "$out/franc-$set.time"
  fi
  if [ -x "$build/bench/langid/cld2_eval" ]; then
    env ${cld2_preload:+LD_PRELOAD=$cld2_preload} \
      "$build/bench/langid/cld2_eval" "$out/$set.tsv" "$r" > "$out/cld2-$set.raw" 2> "$out/cld2-$set.time"
    # CLD2 codes to the corpus's ISO 639-3: through the model's BCP 47 tags,
    # plus CLD2's own legacy codes. "qu" (Quechua) has no one individual
    # language here, "un"/"xx-*" mean unknown.
    awk -F'\t' 'NR == FNR { split($2, t, "-"); m[t[1]] = $1; next }
      FNR == 1 { m["iw"] = "heb"; m["jw"] = "jav"; m["ms"] = "zlm"; m["no"] = "nob";
                 m["bh"] = "bho"; m["qu"] = "que" }
      { split($3, t, "-"); g = (t[1] in m) ? m[t[1]] : "?" $3; $3 = g; $5 = g; print }' OFS='\t' \
      "$out/languages.tsv" "$out/cld2-$set.raw" > "$out/cld2-$set.out"
  fi
done
# CLD2's languages: those it answers on the held-out paragraphs, mapped,
# that the model has too
if [ -f "$out/cld2-paragraphs.out" ]; then
  cut -f3 "$out/cld2-paragraphs.out" | sort -u > "$out/a"
  cut -f1 "$out/languages.tsv" | sort -u > "$out/b"
  comm -12 "$out/a" "$out/b" > "$out/cld2-langs.txt"
fi

speed() { awk -F'\t' '{ split($3, b, " "); split($4, s, " "); printf "%.3f", b[1] / s[1] / 1e6 }' "$1"; }
# throughput of one set: MB/s and the ratios
throughput() {
  l=$(speed "$out/lib-$1.time") f=$(speed "$out/franc-$1.time") c=
  printf 'libloc\t%s\nfranc-all\t%s\n' "$l" "$f"
  [ -f "$out/cld2-$1.time" ] && c=$(speed "$out/cld2-$1.time") && printf 'CLD2\t%s\n' "$c"
  awk -v l="$l" -v f="$f" -v c="${c:-0}" 'BEGIN { printf "libloc / franc-all: %.0fx", l / f; if (c > 0) printf "; libloc / CLD2: %.2fx", l / c; print "" }'
}
# lines per second through the whole CLI (CPU time of `loc detect FILE`,
# median of the passes) against CLD2 called in a loop (detection calls only)
# and franc-all (its first 2,250 lines, one pass)
cli_speed() {
  : > "$out/cli.times"
  i=0
  while [ $i -lt "$repeat" ]; do
    bash -c 'TIMEFORMAT="%U %S"; time "$0" detect "$1" > /dev/null' "$build/cli/loc" "$out/speed.txt" \
      2>> "$out/cli.times"
    i=$((i + 1))
  done
  l=$(awk '{ print $1 + $2 }' "$out/cli.times" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  echo "== CLI speed: 22,500 held-out Common Voice sentences (lines/s; load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  awk -v l="$l" 'BEGIN { printf "loc detect (whole CLI, CPU time)\t%.0f\n", 22500 / l }'
  c=0
  [ -f "$out/cld2-speed.time" ] && c=$(awk -F'\t' '{ split($2, n, " "); split($4, s, " "); print n[1] / s[1] }' "$out/cld2-speed.time") &&
    printf 'CLD2 (detection calls)\t%.0f\n' "$c"
  node "$here/franc_eval.mjs" "$node_dir" "$out/speed-franc.tsv" "$out/languages.tsv" 1 > /dev/null 2> "$out/franc-speed.time"
  fr=$(awk -F'\t' '{ split($2, n, " "); split($4, s, " "); print n[1] / s[1] }' "$out/franc-speed.time")
  printf 'franc-all (2,250 lines)\t%.0f\n' "$fr"
  awk -v l="$l" -v c="$c" -v f="$fr" 'BEGIN { r = 0; if (c > 0) r = 22500 / l / c
    printf "loc / CLD2: %.2fx; loc / franc-all: %.0fx\n", r, 22500 / l / f }'
}
if [ "$speed_only" = 1 ]; then
  echo "== throughput on the held-out paragraphs (MB/s, median of passes; load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  throughput paragraphs
  cli_speed
  exit 0
fi

acc() { awk ${2:+-v only="$2"} -f "$score" ${2:+"$2"} "$1" | head -1; }
f() { echo "$1" | cut -f"$2" | tr '\n' '\t' | sed 's/\t$//'; }

echo "== languages: $(wc -l < "$out/languages.tsv") in the model, $(wc -l < "$out/franc-langs.txt") in franc-all, $(wc -l < "$out/cld2-langs.txt") answered by CLD2 (and in the model)"
echo "== training: $(grep -E 'Common Voice:|CLDR annotations:.*strings|Debian:|prior .* nats|calibrated on [0-9]' "$out/train.log" | sed 's/^langid-train: //' | tr '\n' ';')"
echo
echo "== accuracy by genre and length (texts; % best guess right, % answer right, % und; answers with confidence >= 0.9 and % of them right)"
printf 'set\tlanguages\tn\tlibloc best\tlibloc answer\tlibloc und\tlibloc >=0.9 n\t>=0.9 right\tpeer best (= answer)\n'
for set in $sets; do
  [ "$set" = speed ] && continue
  a=$(acc "$out/lib-$set.out")
  printf '%s\tall\t%s\t%s\t%s\t%s\t%s\t%s\t-\n' "$set" $(f "$a" 2) $(f "$a" 3) $(f "$a" 4) $(f "$a" 5) $(f "$a" 6) $(f "$a" 7)
  a=$(acc "$out/lib-$set.out" "$out/franc-langs.txt") b=$(acc "$out/franc-$set.out" "$out/franc-langs.txt")
  printf '%s\tfranc-all'"'"'s\t%s\t%s\t%s\t%s\t%s\t%s\tfranc-all %s\n' "$set" $(f "$a" 2) $(f "$a" 3) $(f "$a" 4) $(f "$a" 5) $(f "$a" 6) $(f "$a" 7) $(f "$b" 4)
  if [ -f "$out/cld2-$set.out" ]; then
    a=$(acc "$out/lib-$set.out" "$out/cld2-langs.txt") b=$(acc "$out/cld2-$set.out" "$out/cld2-langs.txt")
    printf '%s\tCLD2'"'"'s\t%s\t%s\t%s\t%s\t%s\t%s\tCLD2 %s\n' "$set" $(f "$a" 2) $(f "$a" 3) $(f "$a" 4) $(f "$a" 5) $(f "$a" 6) $(f "$a" 7) $(f "$b" 4)
  fi
done
echo
echo "== per script, all languages (libloc) and franc-all's languages (libloc | franc-all): texts, % best guess right"
for set in paragraphs snippets cv-sentences; do
  echo "-- $set"
  awk -f "$score" "$out/lib-$set.out" | grep '^script:' > "$out/a"
  awk -v only="$out/franc-langs.txt" -f "$score" "$out/franc-langs.txt" "$out/lib-$set.out" | grep '^script:' > "$out/b"
  awk -v only="$out/franc-langs.txt" -f "$score" "$out/franc-langs.txt" "$out/franc-$set.out" | grep '^script:' > "$out/c"
  awk -F'\t' 'FILENAME == ARGV[1] { a[$1] = $2 "\t" $3; k[$1]; next }
    FILENAME == ARGV[2] { b[$1] = $2 "\t" $3; next } { c[$1] = $3 }
    END { for (s in k) printf "%s\t%s\t%s\t%s\n", substr(s, 8), a[s], (s in b) ? b[s] : "-\t-", (s in c) ? c[s] : "-" }' \
    "$out/a" "$out/b" "$out/c" | sort -t"$(printf '\t')" -k2,2nr
done
echo
echo "== calibration (libloc): confidence bucket, texts, % right (the group answered, else the best guess)"
for g in "UDHR:paragraphs snippets udhr-phrases udhr-words" "Common Voice:cv-paragraphs cv-sentences cv-phrases cv-words" \
  "CLDR annotations:cldr-annotations" "Debian messages:debian-messages" "Debian word lists:debian-words" \
  "Debian manual pages:debian-manpages"; do
  echo "-- ${g%%:*}"
  for set in ${g#*:}; do cat "$out/lib-$set.out"; done > "$out/lib-genre.out"
  awk -v calib=1 -f "$score" "$out/lib-genre.out" | grep -v '^script:' | tail -n +2
done
echo
echo "== confusions (rows: truth, columns: best guess; snippets | paragraphs)"
for group in "bos hrv srp cnr" "zlm ind" "hin mar npi" "amh tir"; do
  for set in snippets paragraphs; do
    echo "-- $set: $group"
    # Bosnian, Croatian, Serbian, Montenegrin: their Latin texts only
    latn=0; case $group in bos*) latn=1 ;; esac
    awk -F'\t' -v g="$group" -v latn="$latn" 'BEGIN { n = split(g, L, " "); for (i = 1; i <= n; i++) in_g[L[i]] = 1 }
      ($1 in in_g) && (!latn || $2 == "Latn") { c[$1, (($3 in in_g) ? $3 : "other")]++ }
      END { printf "truth"; for (i = 1; i <= n; i++) printf "\t%s", L[i]; printf "\tother\n"
        for (i = 1; i <= n; i++) { printf "%s", L[i]; for (j = 1; j <= n; j++) printf "\t%d", c[L[i], L[j]]; printf "\t%d\n", c[L[i], "other"] } }' \
      "$out/lib-$set.out"
  done
done
echo
echo "== throughput on the held-out paragraphs (MB/s, median of passes; load average: $(cut -d' ' -f1-3 /proc/loadavg))"
throughput paragraphs
echo "== snippets (MB/s)"
throughput snippets
cli_speed
rm -f "$out/a" "$out/b" "$out/c"
