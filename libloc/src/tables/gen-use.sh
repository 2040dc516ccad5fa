#!/bin/sh
# Generates use_data.h: the Universal Shaping Engine category of every code
# point of the scripts libloc/src/check/check_use.c validates with the USE cluster
# model (the complex scripts HarfBuzz sends to its USE shaper, minus those
# the Indic grammar of check_syllable.c already judges: the nine scripts of
# India, Sinhala, Khmer and Myanmar; minus the joining scripts and
# hieroglyphs, which have no syllables to break). Categories other than O
# are listed, as ranges searched by bisection.
#
# The category of a code point follows Microsoft's "Creating and supporting
# OpenType fonts for the Universal Shaping Engine": derived from its
# Indic_Syllabic_Category, Indic_Positional_Category and General_Category,
# with the overrides Microsoft publishes beside the spec (the
# Indic*Category-Additional data) for the code points of these scripts,
# restated below with the reason for each.
#
# Usage: gen-use.sh IndicSyllabicCategory.txt IndicPositionalCategory.txt \
#          UnicodeData.txt Scripts.txt OUTPUT.h
# (Debian unicode-data installs all four in /usr/share/unicode.)
set -eu
isc=$1 ipc=$2 ud=$3 scripts=$4 out=$5
export LC_ALL=C
ver() { sed -n "1s/^# $2-\(.*\)\.txt.*/\1/p" "$1"; }
v1=$(ver "$isc" IndicSyllabicCategory) v2=$(ver "$ipc" IndicPositionalCategory)
v3=$(ver "$scripts" Scripts)
[ -n "$v1" ] && [ "$v1" = "$v2" ] && [ "$v1" = "$v3" ] || {
  echo "gen-use: cannot read matching versions from $isc, $ipc and $scripts" >&2; exit 1; }
awk -v ver="$v1" '
  function hex(s,   i, c, v) {
    v = 0
    for (i = 1; i <= length(s); i++) {
      c = index("0123456789ABCDEF", toupper(substr(s, i, 1))) - 1
      v = v * 16 + c
    }
    return v
  }
  function setr(arr, lo, hi, val,   cp) { for (cp = lo; cp <= hi; cp++) arr[cp] = val }
  # override: one code point (two arguments) or a range, in hex
  function ov(arr, a, b, val) {
    if (val == "") setr(arr, hex(a), hex(a), b); else setr(arr, hex(a), hex(b), val)
  }
  BEGIN {
    n = split("Tibetan Tagalog Hanunoo Buhid Tagbanwa Limbu Tai_Le Buginese " \
              "Kharoshthi Syloti_Nagri Balinese Cham Kayah_Li Lepcha Rejang " \
              "Saurashtra Sundanese Javanese Kaithi Meetei_Mayek Tai_Tham " \
              "Tai_Viet Batak Brahmi Chakma Sharada Takri Grantha Khojki " \
              "Khudawadi Mahajani Modi Siddham Tirhuta Ahom Multani Bhaiksuki " \
              "Marchen Newa Masaram_Gondi Soyombo Zanabazar_Square Dogra " \
              "Gunjala_Gondi Makasar Nandinagari Dives_Akuru Kawi", s, " ")
    for (i = 1; i <= n; i++) { usescript[s[i]] = i; sname[i] = s[i] }
  }
  FNR == 1 { file++ }
  /^#/ || NF == 0 { next }
  {
    line = $0
    sub(/#.*/, "", line)
    split(line, f, ";")
    range = f[1]; gsub(/[ \t]/, "", range)
    if (range == "") next
    r2 = split(range, r, "\\.\\.")
    lo = hex(r[1]); hi = (r2 == 2) ? hex(r[2]) : lo
    if (file == 3) { gc[lo] = f[3]; next }      # UnicodeData.txt: one code point a line
    val = f[2]; gsub(/[ \t]/, "", val)
    if (file == 1) setr(isc, lo, hi, val)
    else if (file == 2) setr(ipc, lo, hi, val)
    else if (val in usescript) setr(use, lo, hi, val)
  }
  END {
    # Microsoft USE overrides of Indic_Syllabic_Category for these scripts
    ov(isc, "0F7F", "Consonant_Dead")  # Tibetan rnam bcad: a cluster of its own
    ov(isc, "0F18", "0F19", "Vowel_Dependent")  # Tibetan astrological signs below
    ov(isc, "0F3E", "0F3F", "Vowel_Dependent")  # Tibetan yar tshes / mar tshes
    ov(isc, "0F35", "Consonant_Final")  # Tibetan ngas bzung marks: final
    ov(isc, "0F37", "Consonant_Final")  #   in the cluster, after vowels
    ov(isc, "0FC6", "Consonant_Final")  # Tibetan padma gdan
    ov(isc, "0F71", "Nukta")  # Tibetan a-chung: before an above vowel
    ov(isc, "0F86", "0F87", "Tone_Mark")  # Tibetan lci / yang rtags
    ov(isc, "193A", "Bindu")  # Limbu kemphreng: a modifier, not a vowel
    ov(isc, "AA29", "Bindu")  # Cham vowel sign aa: stacks over vowels
    ov(isc, "11134", "Gemination_Mark")  # Chakma maayyaa doubles the consonant
    ov(isc, "1A7B", "1A7C", "Tone_Mark")  # Tai Tham mai sam, khuen-lue karan
    ov(isc, "1A7F", "Tone_Mark")  # Tai Tham cryptogrammic dot
    ov(isc, "AAB1", "Vowel_Independent")  # Tai Viet vowel letters written
    ov(isc, "AABA", "Vowel_Independent")  #   alone, not signs
    ov(isc, "AABD", "Vowel_Independent")
    ov(isc, "10A0D", "Bindu")  # Kharoshthi double ring below: a vowel modifier
    ov(isc, "10A38", "10A3A", "Nukta")  # Kharoshthi bar above, cauda, dot below
    ov(isc, "1C36", "Syllable_Modifier")  # Lepcha ran: a final modifier
    ov(isc, "1B6B", "1B73", "Symbol_Modifier")  # Balinese musical marks: on notes
    # ... and of Indic_Positional_Category: where a mark goes in storage order
    # (Tibetan vowels all below, in any order; Chakma signs swapped so that
    # the canonical order of their combining classes is the cluster order)
    ov(ipc, "0F72", "Bottom"); ov(ipc, "0F7A", "0F7D", "Bottom")  # Tibetan vowel signs
    ov(ipc, "0F80", "Bottom")
    ov(ipc, "A9BF", "Bottom"); ov(ipc, "A9BE", "Right")  # Javanese cakra, pengkal
    ov(ipc, "11127", "11129", "Bottom"); ov(ipc, "1112D", "Bottom")
    ov(ipc, "11130", "Bottom")
    ov(ipc, "1112A", "1112B", "Top"); ov(ipc, "11131", "11132", "Top")
    ov(ipc, "1BF2", "1BF3", "Bottom")  # Batak pangolat, panongonan
    ov(ipc, "10A38", "Bottom")  # Kharoshthi bar above: ordered by its class
    ov(ipc, "10A0C", "Right")  # Kharoshthi vowel length mark: after the vowels
    ov(ipc, "11302", "11303", "Top"); ov(ipc, "114C1", "Top")  # Grantha, Tirhuta nasals
    ov(ipc, "1C29", "Left")  # Lepcha vowel sign oo
    ov(ipc, "1A18", "Top")  # Buginese u
    ov(ipc, "AA35", "Top")  # Cham consonant sign

    print "/* Generated by libloc/src/tables/gen-use.sh from IndicSyllabicCategory.txt,"
    print " * IndicPositionalCategory.txt, UnicodeData.txt and Scripts.txt " ver ","
    print " * with the Universal Shaping Engine overrides stated in the generator."
    print " * Do not edit; the tables-current-check test checks it is current. */"
    print "#define USE_UCD_VERSION \"" ver "\""
    ncat = split("B GB N R CS SUB H IS Sk HN FAbv FBlw FPst FMAbv FMBlw FMPst " \
                 "MPre MAbv MBlw MPst CMAbv CMBlw VPre VAbv VBlw VPst " \
                 "VMPre VMAbv VMBlw VMPst SMAbv SMBlw", cats, " ")
    print "typedef enum use_cat {"
    print "  USE_O,"
    for (i = 1; i <= ncat; i++) { printf "  USE_%s,\n", cats[i]; known[cats[i]] = 1 }
    print "} use_cat;"
    print "/* the scripts, numbered from 1 as in use_range.script */"
    print "static const char *const use_scripts[] = {"
    print "    \"\","
    for (i = 1; i <= n; i++) printf "    \"%s\",\n", sname[i]
    print "};"
    for (i = 1; i <= n; i++) printf "#define USE_SCRIPT_%s %d\n", sname[i], i
    print "static const struct use_range {"
    print "  uint32_t lo, hi;"
    print "  uint8_t cat, script;"
    print "} use_ranges[] = {"
    start = -1
    for (cp = 0; cp <= 1114111; cp++) {
      c = (cp in use) ? category(cp) : "O"
      sc = (cp in use) ? usescript[use[cp]] : 0
      if (c != "O" && !(c in known)) {
        printf "gen-use: U+%04X: no category for %s\n", cp, c > "/dev/stderr"; bad = 1
      }
      if (start >= 0 && (c != cur || sc != cursc || cp != prev + 1)) { emit(); start = -1 }
      if (c == "O") continue
      if (start < 0) { start = cp; cur = c; cursc = sc }
      prev = cp
    }
    if (start >= 0) emit()
    print "};"
    if (bad) exit 1
  }
  function emit() { printf "    {0x%04X, 0x%04X, USE_%s, %d},\n", start, prev, cur, cursc }
  function pos(kind, p) {
    if (kind == "V") {
      if (p ~ /^(Top|Top_And_Bottom|Top_And_Bottom_And_Right|Top_And_Right)$/) return "Abv"
      if (p ~ /^(Bottom|Overstruck|Bottom_And_Right)$/) return "Blw"
      if (p == "Right") return "Pst"
      if (p ~ /^(Left|Top_And_Left|Top_And_Left_And_Right|Left_And_Right)$/) return "Pre"
    } else if (kind == "M") {
      if (p == "Top") return "Abv"
      if (p ~ /^(Bottom|Bottom_And_Left|Bottom_And_Right)$/) return "Blw"
      if (p == "Right") return "Pst"
      if (p ~ /^(Left|Top_And_Bottom_And_Left)$/) return "Pre"
    } else if (kind == "CM") {
      if (p == "Top") return "Abv"
      if (p ~ /^(Bottom|Overstruck)$/) return "Blw"
    } else if (kind == "VM") {
      if (p == "Top") return "Abv"
      if (p ~ /^(Bottom|Overstruck)$/) return "Blw"
      if (p == "Right") return "Pst"
      if (p == "Left") return "Pre"
    } else if (kind == "F") {
      if (p == "Top") return "Abv"
      if (p == "Bottom") return "Blw"
      if (p == "Right") return "Pst"
    } else if (kind == "FM") {
      if (p == "Top") return "Abv"
      if (p == "Bottom") return "Blw"
      return "Pst"
    }
    return "?" p
  }
  function category(cp,   i, p, g) {
    i = (cp in isc) ? isc[cp] : "Other"
    p = (cp in ipc) ? ipc[cp] : "NA"
    g = (cp in gc) ? gc[cp] : "Cn"
    if (i ~ /^(Number|Consonant|Consonant_Head_Letter|Tone_Letter|Vowel_Independent)$/) return "B"
    if (g == "Lo" && i ~ /^(Avagraha|Bindu|Consonant_Final|Consonant_Medial|Consonant_Subjoined|Vowel|Vowel_Dependent)$/) return "B"
    if (i == "Brahmi_Joining_Number") return "N"
    if (i == "Consonant_Placeholder") return "GB"
    # a mark that stands alone: what follows it is judged as a symbol cluster
    if (i == "Consonant_Dead" && g ~ /^M/) return "GB"
    if (i ~ /^(Consonant_Preceding_Repha|Consonant_Prefixed)$/) return "R"
    if (i == "Consonant_With_Stacker") return "CS"
    if (i == "Symbol_Modifier") return "SM" pos("CM", p)
    if (i == "Consonant_Subjoined") return "SUB"
    if (i == "Virama") return "H"
    if (i == "Invisible_Stacker") return (cp == hex("1A60")) ? "Sk" : "IS"   # Tai Tham sakot
    if (i == "Number_Joiner") return "HN"
    if (i == "Consonant_Final" || i == "Consonant_Succeeding_Repha") return "F" pos("F", p)
    if (i == "Syllable_Modifier") return "FM" pos("FM", p)
    if (i == "Consonant_Medial" || i == "Consonant_Initial_Postfixed") return "M" pos("M", p)
    if (i ~ /^(Nukta|Gemination_Mark|Consonant_Killer)$/) return "CM" pos("CM", p)
    if (i == "Pure_Killer" || i ~ /^(Vowel|Vowel_Dependent)$/) return "V" pos("V", p)
    if (i ~ /^(Tone_Mark|Cantillation_Mark|Register_Shifter|Visarga|Bindu)$/) return "VM" pos("VM", p)
    return "O"     # letters of no syllabic category, punctuation, joiners (in C)
  }
' "$isc" "$ipc" "$ud" "$scripts" > "$out.tmp"
mv "$out.tmp" "$out"
