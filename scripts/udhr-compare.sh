#!/bin/sh
# Runs every UDHR declaration through `loc script --summary` and
# `loc normalize --check`, one row per declaration, sorted by code:
#   code TAB tag TAB expected TAB dominant TAB nfc TAB agree TAB name
# expected: the script loc's likely subtags give for the tag ("-" when the tag
#           implies none, whether loc says so in its JSON or refuses the tag); dominant: the script loc finds most of;
# nfc:      yes / no; agree: yes / no, or "-" when there is no expected script.
# A field is "?" when loc failed on that file (its exit status says why).
# Shared by scripts/demo and tests/udhr_agreement.sh so both measure the same.
#
# Usage: udhr-compare.sh LOC UDHR_DIR [JOBS]
set -eu
[ $# -ge 2 ] || { echo "usage: udhr-compare.sh LOC UDHR_DIR [JOBS]" >&2; exit 2; }
loc=$1 udhr=$2 jobs=${3:-2}
[ -x "$loc" ] || { echo "udhr-compare: $loc is not an executable" >&2; exit 2; }
[ -f "$udhr/index.tsv" ] || { echo "udhr-compare: no $udhr/index.tsv (run scripts/setup)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Each worker writes its own file, so parallel output never interleaves and the
# final order does not depend on scheduling: code, tag, normalize status,
# script status, the JSON line.
worker='
  f=$1/txt/$3.txt
  json=$("$0" script --summary --json --lang "$4" "$f" 2>/dev/null) && st=0 || st=$?
  # A tag with no likely script may be refused outright: then there is no
  # expected script, and the summary without --lang still gives the dominant.
  if [ $st = 2 ]; then
    json=$("$0" script --summary --json "$f" 2>/dev/null) && st=0 || st=$?
  fi
  "$0" normalize --check -f nfc "$f" >/dev/null 2>&1 && nst=0 || nst=$?
  printf "%s\t%s\t%s\t%s\t%s\n" "$3" "$4" "$nst" "$st" "$(printf "%s" "$json" | head -n 1)" > "$2/$3.row"
'
cut -f1,2 "$udhr/index.tsv" | tr '\t' '\n' |
  xargs -n 2 -P "$jobs" sh -c "$worker" "$loc" "$udhr" "$tmp"

for f in "$tmp"/*.row; do [ -e "$f" ] && cat "$f"; done | LC_ALL=C sort > "$tmp/rows"
# Join the names back in from the index (both sorted by code).
LC_ALL=C awk -F '\t' -v OFS='\t' '
  function field(json, key,    m) {
    # "key":"string" or "key":true/false/number — enough for these flat fields.
    if (match(json, "\"" key "\":\"[^\"]*\"")) {
      m = substr(json, RSTART + length(key) + 4)
      return substr(m, 1, index(m, "\"") - 1)
    }
    if (match(json, "\"" key "\":[a-z0-9.]+")) return substr(json, RSTART + length(key) + 3, RLENGTH - length(key) - 3)
    return ""
  }
  NR == FNR { name[$1] = $3; next }
  {
    code = $1; tag = $2; nst = $3; st = $4; json = $5
    nfc = nst == 0 ? "yes" : nst == 1 ? "no" : "?"
    if (st != 0 || json !~ /^\{/) {
      expected = "?"; dominant = "?"; agree = "?"
    } else {
      expected = field(json, "expected")
      dominant = field(json, "dominant")
      agrees = field(json, "agrees")
      if (dominant == "") dominant = "?"
      if (expected == "" || expected == "Zzzz") { expected = "-"; agree = "-" }
      else agree = agrees == "true" ? "yes" : agrees == "false" ? "no" : "?"
    }
    print code, tag, expected, dominant, nfc, agree, name[code]
  }
' "$udhr/index.tsv" "$tmp/rows"
