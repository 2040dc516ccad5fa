#!/bin/sh
# The USE cluster model of `loc check` against HarfBuzz's USE shaper: for
# each script below, a base followed by every ordered pair of the script's
# marks (from use_data.h), one per line; hb-shape with the script's Noto
# font inserts a dotted circle per broken cluster, `loc check` must report
# exactly as many broken-cluster findings on each line. (The scripts where
# HarfBuzz 6.0's tables differ from Microsoft's current data are left out:
# docs/check.md.) Skipped (77) without hb-shape or the Noto fonts.
# Usage: use-hb.sh LOC SRCDIR
set -eu
loc=$1 src=$2
fonts=/usr/share/fonts/truetype/noto
command -v hb-shape > /dev/null 2>&1 || { echo "SKIP: no hb-shape (libharfbuzz-bin)"; exit 77; }
[ -d "$fonts" ] || { echo "SKIP: no $fonts (fonts-noto-core)"; exit 77; }
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
table=$src/libloc/src/tables/use_data.h
status=0 total=0
while read -r script font base; do
  [ -f "$fonts/$font.ttf" ] || { echo "SKIP $script: no $font"; continue; }
  # the script's number, then every code point of a mark category
  awk -v want="$script" -v base="$base" '
    function hex(s,   i, v) {
      v = 0
      for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789ABCDEF", substr(s, i, 1)) - 1
      return v
    }
    function utf8(c) {
      if (c < 128) return sprintf("%c", c)
      if (c < 2048) return sprintf("%c%c", 192 + int(c / 64), 128 + c % 64)
      if (c < 65536) return sprintf("%c%c%c", 224 + int(c / 4096), 128 + int(c / 64) % 64, 128 + c % 64)
      return sprintf("%c%c%c%c", 240 + int(c / 262144), 128 + int(c / 4096) % 64,
                     128 + int(c / 64) % 64, 128 + c % 64)
    }
    /^static const char \*const use_scripts/ { inlist = 1; n = -1; next }
    inlist && /^};/ { inlist = 0 }
    inlist { n++; gsub(/[ ",]/, ""); if ($0 == want) num = n; next }
    /^    \{0x/ {
      gsub(/[{},]/, " ")
      if ($4 != num || $3 ~ /^USE_(B|GB|N|R|CS)$/) next
      for (c = hex(substr($1, 3)); c <= hex(substr($2, 3)); c++) marks[++m] = utf8(c)
    }
    END {
      b = utf8(hex(base))
      for (i = 1; i <= m; i++) for (j = 1; j <= m; j++) print b marks[i] marks[j]
    }' "$table" > "$tmp/in"
  lines=$(wc -l < "$tmp/in")
  [ "$lines" -gt 0 ] || { echo "FAIL $script: no marks found in use_data.h"; status=1; continue; }
  hb-shape --no-positions --no-clusters "$fonts/$font.ttf" --text-file="$tmp/in" |
    awk '{ print gsub(/[Dd]otted[Cc]ircle|uni25CC/, "") }' > "$tmp/hb"
  "$loc" check --json "$tmp/in" > "$tmp/json" || true
  awk -v n="$lines" '
    /"rule":"broken-cluster"/ { sub(/^\{"file":"[^"]*","line":/, ""); sub(/,.*/, ""); c[$0]++ }
    END { for (i = 1; i <= n; i++) print c[i] + 0 }' "$tmp/json" > "$tmp/loc"
  bad=$(paste "$tmp/hb" "$tmp/loc" | awk -F'\t' '$1 != $2' | wc -l)
  total=$((total + lines))
  echo "$script ($font): $lines sequences, $(grep -cv '^0$' "$tmp/hb") broken for HarfBuzz, $bad differ"
  if [ "$bad" -ne 0 ]; then
    status=1
    paste "$tmp/in" "$tmp/hb" "$tmp/loc" | awk -F'\t' '$2 != $3' | head -5 | od -An -tx1 | head -10
  fi
done <<EOF
Tagalog NotoSansTagalog-Regular 170A
Limbu NotoSansLimbu-Regular 190B
Buginese NotoSansBuginese-Regular 1A0A
Balinese NotoSansBalinese-Regular 1B0F
Cham NotoSansCham-Regular AA0A
Lepcha NotoSansLepcha-Regular 1C0A
Sundanese NotoSansSundanese-Regular 1B8D
Kaithi NotoSansKaithi-Regular 1108D
Tai_Viet NotoSansTaiViet-Regular AA8A
Chakma NotoSansChakma-Regular 1110D
Sharada NotoSansSharada-Regular 1118D
Modi NotoSansModi-Regular 1160A
Newa NotoSansNewa-Regular 1140A
Ahom NotoSerifAhom-Regular 1170A
Dogra NotoSerifDogra-Regular 1180A
Meetei_Mayek NotoSansMeeteiMayek-Regular AAEA
EOF
echo "$total sequences compared"
exit $status
