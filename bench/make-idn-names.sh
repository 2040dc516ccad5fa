#!/bin/sh
# Builds the IDN benchmark input in bench/out/ (git-ignored): N domain names,
# one a line, deterministic for a given N, corpus and loc.
#
#   bench/make-idn-names.sh [-n N] [-L LOC] [-o DIR]   write DIR/idn-names-N.txt
#
# -n N    number of names (default 1000000)
# -L LOC  the loc binary used to case-fold words (default build/cli/loc)
# Words come from the UDHR corpus (corpora/cache/udhr/txt, filled by
# `bash scripts/setup --data-only`), split at ASCII spaces, digits and
# punctuation; half of the IDN names use words folded with
# `loc normalize -f nfkc_cf`, half the words as written (mapping work for
# UTS #46). Mix, drawn with awk's srand(1): 55 % IDNs in the corpus' scripts
# (one or two labels + .com .рф .中国 .भारत ...), 25 % ASCII names, 20 %
# invalid names ($ in a label, an empty label, a leading hyphen, a label over
# 63 bytes, a broken A-label). "Valid" is the generator's intent: a corpus
# word can still break a rule (a leading combining mark, a bidi rule).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out="$here/out"
count=1000000
loc=
die() { echo "make-idn-names.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    -n|-L|-o) [ $# -ge 2 ] || die "$1 wants an argument" ;;
  esac
  case $1 in
    -n) count=$2; shift 2 ;;
    -L) loc=$2; shift 2 ;;
    -o) out=$2; shift 2 ;;
    -h|--help) sed -n '2,18s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done
case $count in ''|*[!0-9]*|0) die "-n wants a positive count" ;; esac
loc=${loc:-$root/build/cli/loc}
[ -x "$loc" ] || die "no loc binary '$loc' (build it, or -L LOC)"
cache="$root/corpora/cache/udhr/txt"
ls "$cache"/*.txt >/dev/null 2>&1 ||
  die "no UDHR text in $cache (run: bash scripts/setup --data-only)"
mkdir -p "$out"
file="$out/idn-names-$count.txt"
if [ -s "$file" ]; then
  echo "make-idn-names.sh: reusing $file" >&2
  exit 0
fi
# Byte-wise tools: the corpus is UTF-8 whatever the user's locale is.
LC_ALL=C
export LC_ALL
tmp=$(mktemp -d "${TMPDIR:-/tmp}/loc-idn-names.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# Words of 2..30 bytes, each once, in a fixed order.
cat "$cache"/*.txt |
  tr ' \t\r!"#$%&()*+,./0123456789:;<=>?@[\\]^_`{|}~' '\n' |
  awk 'length($0) >= 2 && length($0) <= 30 && $0 !~ /^[-'"'"']|[-'"'"']$/' |
  sort -u > "$tmp/raw"
"$loc" normalize -f nfkc_cf < "$tmp/raw" > "$tmp/folded"
[ "$(wc -l < "$tmp/raw")" -eq "$(wc -l < "$tmp/folded")" ] ||
  die "loc normalize changed the number of lines"

awk -v n="$count" -v rawf="$tmp/raw" -v foldf="$tmp/folded" '
BEGIN {
  while ((getline w < rawf) > 0) raw[++nw] = w
  while ((getline w < foldf) > 0) {
    fold[++nf] = w
    if (w ~ /^[a-z][a-z-]*[a-z]$/) ascii[++na] = w
  }
  split("com net org de рф 中国 भारत 한국 مصر ελ みんな ไทย", idn_tld, " ")
  nit = 12
  split("com net org de io fr", asc_tld, " ")
  nat = 6
  srand(1)
  for (i = 1; i <= n; i++) {
    r = rand()
    if (r < 0.55) {
      name = word()
      if (rand() < 0.3) name = name "." word()
      name = name "." idn_tld[pick(nit)]
    } else if (r < 0.80) {
      name = ascii[pick(na)]
      if (rand() < 0.3) name = name "-" ascii[pick(na)]
      name = name "." asc_tld[pick(nat)]
    } else {
      k = pick(5)
      w = word()
      if (k == 1) name = "a$" w ".com"
      else if (k == 2) name = w "..com"
      else if (k == 3) name = "-" w ".net"
      else if (k == 4) { name = w; while (length(name) <= 63) name = name w; name = name ".org" }
      else name = "xn--" ascii[pick(na)] "-9zzzz.com"
    }
    print name
  }
}
function pick(m) { return 1 + int(rand() * m) }
function word() { return (rand() < 0.5) ? fold[pick(nf)] : raw[pick(nw)] }
' > "$tmp/names"
mv "$tmp/names" "$file"
echo "make-idn-names.sh: wrote $file ($count names)" >&2
