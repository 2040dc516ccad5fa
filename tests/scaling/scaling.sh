#!/bin/sh
# Scaling check that machine noise cannot fool: valgrind's instruction
# counts (cachegrind, no cache simulation) of `loc` on hostile inputs of n,
# 2n and 4n units. With I(k) the count at size k, the growth ratio
#   r = (I(4n) - I(2n)) / (I(2n) - I(n))
# is 2 for linear work, about 2.2 for n log n at these sizes and 4 for
# quadratic; constant costs (start-up, ICU data loaded on first use) cancel.
# Every command/generator pair must stay at r <= MAX (2.45: n^1.3), except
# the pairs marked KIND! in the table, whose cost is the anchor's own and is
# reported only: HarfBuzz shapes one base with N marks in N^2 time (hb-shape
# too: 4,000 marks 0.27 s, 8,000 0.88 s, 16,000 3.29 s), and `shape` must
# stay byte-identical to it.
#
# Usage: scaling.sh LOC HOSTILE_GEN SOURCE_ROOT [quick|full] [MAX]
# quick (meson test): the pairs that were quadratic and one per command at
# small n; full (bench/scaling.sh): every pair at larger n. Skipped (77)
# without valgrind.
set -u
loc=$1 gen=$2 src=$3 mode=${4:-quick} max=${5:-2.45}
command -v valgrind > /dev/null 2>&1 || { echo "SKIP: valgrind is not installed"; exit 77; }
font=/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf
lgr=$src/tests/lgr/features.xml
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
printf 'example.com\nxn--80ak6aa92e.com\n' > "$tmp/registered"

count() { # instructions of: loc ARGS... < FILE  (the FILE is the last argument)
  eval "_f=\${$#}"
  _last=$(($# - 1))
  _args=""
  _i=0
  for _a in "$@"; do
    _i=$((_i + 1))
    [ $_i -le $_last ] && _args="$_args '$_a'"
  done
  eval "valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \"\$loc\" $_args" \
    < "$_f" 2>&1 > /dev/null | sed -n 's/.*I *refs: *//p' | tr -d ,
}

fails=0 total=0
# KIND N ARGS...: one pair
pair() {
  kind=$1 size=$2 judged=1
  shift 2
  case "$kind" in *!) kind=${kind%!} judged=0 ;; esac
  "$gen" "$kind" "$size" > "$tmp/in1"
  "$gen" "$kind" $((2 * size)) > "$tmp/in2"
  "$gen" "$kind" $((4 * size)) > "$tmp/in4"
  a=$(count "$@" "$tmp/in1") b=$(count "$@" "$tmp/in2") c=$(count "$@" "$tmp/in4")
  total=$((total + 1))
  if [ -z "$a" ] || [ -z "$b" ] || [ -z "$c" ]; then
    echo "FAIL: loc $* on $kind: no instruction count"; fails=$((fails + 1)); return
  fi
  r=$(awk -v a="$a" -v b="$b" -v c="$c" 'BEGIN { d = b - a; if (d <= 0) d = 1; printf "%.2f", (c - b) / d }')
  ok=$(awk -v r="$r" -v m="$max" 'BEGIN { print (r <= m) ? 1 : 0 }')
  printf '%-44s %-10s n=%-6s I(n)=%-11s r=%s%s\n' "loc $*" "$kind" "$size" "$a" "$r" \
    "$([ $judged = 1 ] || echo " (the anchor's own cost: reported, not judged)")"
  [ "$ok" = 1 ] || [ $judged = 0 ] || { echo "FAIL: loc $* on $kind grows with ratio $r > $max"; fails=$((fails + 1)); }
}

# COMMAND ARGS | generators (the table both modes share)
table() {
cat <<EOF_TABLE
normalize|decomposed marks letters
normalize -f nfkc_cf|decomposed letters
script|mixed letters marks
script --summary|mixed
tag|tag
segment --by word|letters cjk thai myanmar decomposed
segment --by line|letters thai
segment --by sentence|letters
segment --by grapheme|marks zwj
idn to-ascii|label labels
idn check|label labels
idn lgr --lgr $lgr|label
idn variants --lgr $lgr|label
idn confusables --against $tmp/registered|label labels
sort|lines
key|decomposed myanmar letters marks mixed
check|decomposed findings zwj marks myanmar mixed
convert --from zawgyi|myanmar letters
convert --to zawgyi|myanmar
convert --to koi8-r|mixed letters
shape --font $font|letters marks!
translit -t Any-Latin|mixed myanmar marks
translit -t Zawgyi-my|myanmar
detect|letters mixed myanmar
detect --spans|mixed
EOF_TABLE
}

if [ "$mode" = full ]; then
  n=2000
  table | while IFS='|' read -r cmd kinds; do
    for k in $kinds; do
      # shellcheck disable=SC2086
      pair "$k" $n $cmd
    done
    echo "$fails $total" > "$tmp/tally"
  done
else
  n=300
  # the pairs that were quadratic, and one for every command
  pair decomposed $n check
  # (more than the 1 KB ICU gets at once: see libloc/src/legacy/zawgyi.c)
  pair myanmar 1000 convert --from zawgyi
  pair myanmar 1000 key
  pair decomposed $n normalize
  pair mixed $n script
  pair tag 1000 tag
  pair thai $n segment --by word
  pair labels 1000 idn to-ascii
  pair lines $n sort
  pair mixed $n translit -t Any-Latin
  pair mixed $n detect
  echo "$fails $total" > "$tmp/tally"
fi
read -r fails total < "$tmp/tally"
echo "scaling: $total pairs, $fails over the bound"
[ "$fails" = 0 ]
