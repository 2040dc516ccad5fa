#!/bin/sh
# Drift test of the generated tables: regenerates one committed table (or
# family of tables) into the build folder with its committed generator and
# the input scripts/setup pins or Debian provides, and compares byte for
# byte. One meson test per table, named tables-current-TABLE. Exit 77 (skip)
# when the table's input is absent.
# Usage: tables-current.sh TABLE SRCDIR BUILDDIR [GENERATOR]
#   lsr       libloc/src/tables/lsr_data.h    gen-lsr.sh, IANA registry (npm pin)
#   check     indic_data.h, use_data.h        gen-indic.sh, gen-use.sh, UCD files
#             pua_data.h                      gen-pua.sh, aglfn + Perl Encode
#   translit  translit_rules.h                gen-translit.sh, libloc/data/translit
#             data/translit/<names>.txt       gen-translit-names.sh, UnicodeData.txt
#   zawgyi    zawgyi_model.h                  GENERATOR (gen_zawgyi_model), myanmar-tools
#   fonthack  fonthack_model.h                GENERATOR (gen_fonthack_model), UDHR corpus
#   lookalike lookalike_data.h                gen-lookalikes.sh, tables/lookalikes.txt
#   detect    detect_model.bin                GENERATOR (tools/langid-train), UDHR corpus,
#                                             CLDR annotations (npm pin), Common Voice sample,
#                                             Debian packages (versions in detect_model.debian.tsv)
set -eu
table=$1 src=$2 build=$3 gen=${4:-}
tables=$src/libloc/src/tables
ucd=${UNICODE_DATA_DIR:-/usr/share/unicode}
[ -n "$ucd" ] || ucd=/usr/share/unicode
out=$build/tables-current-$table
rm -rf "$out"
mkdir -p "$out"
status=0

skip() { echo "SKIP: $*"; exit 77; }

# same GENERATED COMMITTED [NOTE]: compares, reports, remembers a failure.
same() {
  if cmp -s "$1" "$2"; then
    echo "${2#"$src"/} is current${3:+: $3}"
  else
    echo "FAIL: ${2#"$src"/} differs from what its generator makes now:"
    diff "$2" "$1" | head -20 || true
    status=1
  fi
}

define_of() { sed -n "s/^#define $2 //p" "$1"; }

case $table in
lsr)
  # The pin is the line "language-subtag-registry VERSION SHA256" of npm_pins.
  pin=$(sed -n 's/^ *"language-subtag-registry \([^ ]*\) \([0-9a-f]*\)".*/\1 \2/p' "$src/scripts/setup")
  [ -n "$pin" ] || { echo "FAIL: no language-subtag-registry line in npm_pins of scripts/setup"; exit 1; }
  version=${pin% *} want=${pin#* }
  tgz=$src/corpora/cache/language-subtag-registry-$version.tgz
  [ -f "$tgz" ] || skip "$tgz is missing (run scripts/setup)"
  got=$(sha256sum < "$tgz" | cut -d' ' -f1)
  [ "$got" = "$want" ] || { echo "FAIL: $tgz has SHA-256 $got, scripts/setup pins $want"; exit 1; }
  sh "$tables/gen-lsr.sh" "$tgz" "$out/lsr_data.h"
  same "$out/lsr_data.h" "$tables/lsr_data.h" \
    "$(define_of "$out/lsr_data.h" LSR_SOURCE), File-Date $(define_of "$out/lsr_data.h" LSR_FILE_DATE)"
  ;;
check)
  isc=$ucd/IndicSyllabicCategory.txt ipc=$ucd/IndicPositionalCategory.txt
  ud=$ucd/UnicodeData.txt scripts=$ucd/Scripts.txt
  for f in "$isc" "$ipc" "$ud" "$scripts"; do
    [ -f "$f" ] || skip "$f is missing (Debian unicode-data)"
  done
  sh "$tables/gen-indic.sh" "$isc" "$ipc" "$out/indic_data.h"
  same "$out/indic_data.h" "$tables/indic_data.h" "$(define_of "$out/indic_data.h" INDIC_UCD_VERSION)"
  sh "$tables/gen-use.sh" "$isc" "$ipc" "$ud" "$scripts" "$out/use_data.h"
  same "$out/use_data.h" "$tables/use_data.h" "$(define_of "$out/use_data.h" USE_UCD_VERSION)"
  agl=/usr/share/aglfn/glyphlist.txt
  if [ -f "$agl" ] && perl -MEncode -e 'Encode::decode("AdobeSymbol", "a")' 2> /dev/null; then
    sh "$tables/gen-pua.sh" "$agl" "$out/pua_data.h"
    same "$out/pua_data.h" "$tables/pua_data.h" "$(define_of "$out/pua_data.h" PUA_AGL_VERSION)"
  else
    echo "note: pua_data.h not checked: no $agl (aglfn) or no Perl Encode"
  fi
  ;;
translit)
  data=$src/libloc/data/translit
  if [ -f "$ucd/UnicodeData.txt" ]; then
    mkdir -p "$out/names"
    sh "$tables/gen-translit-names.sh" "$ucd/UnicodeData.txt" "$out/names"
    for f in "$out"/names/*.txt; do
      same "$f" "$data/$(basename "$f")"
    done
  else
    echo "note: $ucd/UnicodeData.txt is missing; the name-generated rule files were not checked"
  fi
  sh "$tables/gen-translit.sh" "$data" "$out/translit_rules.h"
  same "$out/translit_rules.h" "$tables/translit_rules.h" "$(ls "$data" | wc -l) rule files"
  ;;
zawgyi)
  pin=$(grep '"myanmar-tools ' "$src/scripts/setup" | tr -d '"' | sed 's/^ *//')
  version=$(echo "$pin" | cut -d' ' -f2)
  dat=$src/corpora/cache/npm/myanmar-tools-$version/package/resources/zawgyiUnicodeModel.dat
  [ -f "$dat" ] || skip "$dat is missing (run scripts/setup)"
  "$gen" "$dat" "myanmar-tools $version (npm), resources/zawgyiUnicodeModel.dat" "$out/zawgyi_model.h"
  same "$out/zawgyi_model.h" "$tables/zawgyi_model.h" \
    "myanmar-tools $version, $(define_of "$out/zawgyi_model.h" ZG_MODEL_ENTRIES) weights"
  ;;
fonthack)
  udhr=$src/corpora/cache/udhr
  [ -f "$udhr/index.tsv" ] || skip "$udhr is missing (run scripts/setup)"
  "$gen" "$udhr" "$out/fonthack_model.h"
  same "$out/fonthack_model.h" "$tables/fonthack_model.h" \
    "$(sed -n 's/.*against \([0-9]*\) declarations.*/\1/p' "$out/fonthack_model.h") Latin-script declarations"
  ;;
lookalike)
  sh "$tables/gen-lookalikes.sh" "$tables/lookalikes.txt" "$out/lookalike_data.h"
  same "$out/lookalike_data.h" "$tables/lookalike_data.h"
  ;;
detect)
  # Inputs: the UDHR corpus and CLDR's emoji annotations (scripts/setup), and
  # the Common Voice sentence sample read in place from ../shared (its .txt
  # files pinned by the SHA-256 below).
  udhr=$src/corpora/cache/udhr
  cv=$src/../shared/corpora/cv-sentences
  cv_sha256=065f1308f8f3d7d106d247d97587ffd16a516e690bfb0286abc11b616b6adc51
  version=$(sed -n 's/^udhr_version=//p' "$src/scripts/setup")
  if [ ! -f "$udhr/package/index.js" ] || ! grep -q "^udhr@$version " "$udhr/stamp" 2>/dev/null; then
    skip "the UDHR corpus udhr@$version is not in corpora/cache/udhr (run scripts/setup)"
  fi
  cldr_version=$(sed -n 's/^ *"cldr-annotations-full \([^ ]*\) .*/\1/p' "$src/scripts/setup")
  cldr=$src/corpora/cache/npm/cldr-annotations-full-$cldr_version/package
  [ -f "$cldr/annotations/en/annotations.json" ] ||
    skip "cldr-annotations-full@$cldr_version is not in corpora/cache/npm (run scripts/setup)"
  [ -f "$cv/README.md" ] || skip "no Common Voice sentence sample in $cv"
  got=$(cd "$cv" && ls ./*.txt | LC_ALL=C sort | xargs cat | sha256sum | cut -d' ' -f1)
  if [ "$got" != "$cv_sha256" ]; then
    echo "FAIL: $cv is not the pinned sample (SHA-256 of its .txt files $got, want $cv_sha256)"
    exit 1
  fi
  # The Debian packages with translated text (scripts/setup): the model was
  # trained on the versions its manifest records; a point release may
  # change them, and then the model cannot be rebuilt here (skip, saying
  # which package differs).
  manifest=$tables/detect_model.debian.tsv
  command -v dpkg-query >/dev/null 2>&1 || skip "no dpkg-query: not a Debian system"
  # a fresh machine has them only through scripts/setup
  for pkg in $(cut -f1 "$manifest"); do
    grep -q "^ .*[[:space:]]$pkg\([[:space:]]\|\$\)" "$src/scripts/setup" || {
      echo "FAIL: Debian package $pkg (${manifest#"$src"/}) is not in scripts/setup's packages"
      exit 1
    }
  done
  # one dpkg-query for all (one each takes seconds)
  # shellcheck disable=SC2016
  dpkg-query -W -f='${Package}\t${db:Status-Abbrev}\t${Version}\n' $(cut -f1 "$manifest") \
    > "$out/installed.tsv" 2>/dev/null || true
  differs=$(awk -F'\t' 'NR == FNR { if ($2 == "ii ") v[$1] = $3; next }
    !(($1 in v) && v[$1] == $2) { printf "%s is %s here, the model was trained on %s\n", $1,
      ($1 in v) ? "version " v[$1] : "not installed", $2; exit }' "$out/installed.tsv" "$manifest")
  [ -z "$differs" ] || skip "Debian package $differs (${manifest#"$src"/})"
  "$gen" --cv "$cv" --cldr "$cldr" --debian / --manifest "$out/detect_model.debian.tsv" "$udhr" \
    "$out/detect_model.bin"
  if ! cmp -s "$out/detect_model.debian.tsv" "$manifest"; then
    echo "the installed files of these packages differ from the recorded ones (same versions; dpkg path-exclude?):"
    diff "$manifest" "$out/detect_model.debian.tsv" || true
    skip "the Debian inputs are not the recorded ones"
  fi
  same "$out/detect_model.bin" "$tables/detect_model.bin" "$(wc -c < "$out/detect_model.bin") bytes"
  [ $status = 0 ] ||
    echo "(rebuild: build/tools/langid-train --cv ../shared/corpora/cv-sentences --cldr ${cldr#"$src"/} --debian / --manifest libloc/src/tables/detect_model.debian.tsv corpora/cache/udhr libloc/src/tables/detect_model.bin)"
  ;;
*)
  echo "tables-current.sh: unknown table '$table' (lsr, check, translit, zawgyi, fonthack, lookalike, detect)" >&2
  exit 2
  ;;
esac
exit $status
