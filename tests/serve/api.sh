#!/bin/bash
# API tests of `loc serve`: starts the server on a free loopback port, checks
# health, every implemented endpoint against `loc COMMAND --json` on the same
# input and options, and every error path; then SIGTERM with a request in
# flight. Usage: api.sh LOC INPUTS_DIR. Skips (77) without curl.
set -u
loc=$1 inputs=$2
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl is not installed"; exit 77; }
tmp=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
fails=0 checks=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Starts a server with extra options; sets pid and base.
start() {
  "$loc" serve --listen 127.0.0.1:0 "$@" 2>"$tmp/err" &
  pid=$!
  base=
  for _ in $(seq 100); do
    port=$(sed -n 's|^loc: serve: listening on http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$tmp/err")
    [ -n "$port" ] && { base=http://127.0.0.1:$port; return 0; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "FAIL: the server did not start:"; cat "$tmp/err"; exit 1
}

# request METHOD PATH [BODY-FILE] [extra curl args...]: sets status and body.
request() {
  local method=$1 path=$2 file=${3:-}
  shift 3 2>/dev/null || shift $#
  local args=(-s -o "$tmp/body" -w '%{http_code}' --max-time 10 -X "$method")
  [ -n "$file" ] && args+=(-H 'Content-Type: application/json' --data-binary "@$file")
  status=$(curl "${args[@]}" "$@" "$base$path")
  # no NUL byte in any answer (the shell would drop it from $body unseen)
  if [ "$(tr -d '\000' <"$tmp/body" | wc -c)" != "$(wc -c <"$tmp/body")" ]; then
    fail "$method $path: the answer holds a NUL byte"
  fi
  body=$(tr -d '\000' <"$tmp/body")
}

# expect STATUS SUBSTRING WHAT: the last request's status and body.
expect() {
  checks=$((checks + 1))
  if [ "$status" != "$1" ]; then
    fail "$3: status $status, expected $1; body: $body"
  elif [[ "$body" != *"$2"* ]]; then
    fail "$3: body lacks '$2': $body"
  fi
}

# A file's content as a JSON string literal (inputs hold no control
# characters other than TAB, CR and LF).
json_string() {
  printf '"'
  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' -e 's/\r/\\r/g' "$1" | awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }'
  [ -s "$1" ] && [ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ] && printf '\\n'
  printf '"'
}

# golden ENDPOINT OPTIONS-JSON INPUT CLI-ARGS...: the endpoint's answer is
# {"results":[...]} with exactly the CLI's --json lines.
golden() {
  local ep=$1 opts=$2 input=$3
  shift 3
  { printf '{"text":'; json_string "$input"; printf ',"options":%s}' "$opts"; } >"$tmp/req"
  request POST "/api/v1/$ep" "$tmp/req"
  local want
  want="{\"results\":[$("$loc" "$@" --json <"$input" | sed 's/^{"file":"<stdin>",/{/' | paste -sd,)]}"
  checks=$((checks + 1))
  [ "$status" = 200 ] || { fail "$ep $opts $(basename "$input"): status $status: $body"; return; }
  [ "$body" = "$want" ] || fail "$ep $opts $(basename "$input"): answer differs from loc $* --json
  got:  $body
  want: $want"
}

# golden_text ENDPOINT OPTIONS-JSON INPUT CLI-ARGS...: for the commands that
# rewrite text: {"results":[FINDINGS],"text":STDOUT} where FINDINGS are the
# lines of `loc CLI-ARGS --json` on standard error (check --fix), or none.
golden_text() {
  local ep=$1 opts=$2 input=$3
  shift 3
  { printf '{"text":'; json_string "$input"; printf ',"options":%s}' "$opts"; } >"$tmp/req"
  request POST "/api/v1/$ep" "$tmp/req"
  local findings=
  if [ "$ep" = check ]; then
    "$loc" "$@" --json <"$input" >"$tmp/cli" 2>"$tmp/clierr"
    findings=$(sed 's/^{"file":"<stdin>",/{/' "$tmp/clierr" | paste -sd,)
  else
    "$loc" "$@" <"$input" >"$tmp/cli" 2>/dev/null
  fi
  local want="{\"results\":[$findings],\"text\":$(json_string "$tmp/cli")}"
  checks=$((checks + 1))
  [ "$status" = 200 ] || { fail "$ep $opts $(basename "$input"): status $status: $body"; return; }
  [ "$body" = "$want" ] || fail "$ep $opts $(basename "$input"): answer differs from loc $*
  got:  $body
  want: $want"
}

font=/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf
fontargs=()
[ -r "$font" ] && fontargs=(--font "$font")
cases=$(dirname "$inputs")/../cli/cases
lgrs=$(dirname "$inputs")/../lgr
zone=$cases/idn-confusables/registered.txt
start --timeout 1 --max-body 65536 "${fontargs[@]}" --zone "$zone" --lgr "$lgrs/features.xml" \
  --lgr "$lgrs/many-variants.xml"

# ---- health and the page
request GET /api/v1/health
expect 200 "{\"status\":\"ok\",\"version\":\"$("$loc" --version | sed -n '1s/^loc //p')\"}" health
request GET /api/v1/config
if [ -r "$font" ]; then
  expect 200 "{\"fonts\":[\"$(basename "$font")\"],\"lgrs\":[\"features.xml\",\"many-variants.xml\"],\"zone\":true}" config
else
  expect 200 "{\"fonts\":[],\"lgrs\":[\"features.xml\",\"many-variants.xml\"],\"zone\":true}" config
fi
request GET /
expect 200 '<script src="/app.js" defer></script>' page
checks=$((checks + 1))
grep -q '<script>' "$tmp/body" && fail "page: inline script"
curl -s -D "$tmp/headers" -o /dev/null --max-time 10 "$base/"
checks=$((checks + 1))
grep -qi "^Content-Security-Policy: default-src 'none'; script-src 'self'" "$tmp/headers" ||
  fail "page: no strict Content-Security-Policy"
grep -qi '^X-Content-Type-Options: nosniff' "$tmp/headers" || fail "page: no nosniff"
request GET /app.js
expect 200 'fetch("/api/v1/"' app.js
request GET /app.css
expect 200 'unicode-bidi' app.css

# ---- golden: every implemented endpoint against the CLI
for f in "$inputs"/*.txt; do
  golden script '{}' "$f" script
  golden script '{"summary":true}' "$f" script --summary
  golden script '{"summary":true,"lang":"ar"}' "$f" script --summary --lang ar
  golden segment '{"by":"grapheme"}' "$f" segment --by grapheme
  golden segment '{"by":"word"}' "$f" segment --by word
  golden segment '{"by":"word","words-only":true}' "$f" segment --by word --words-only
  golden segment '{"by":"sentence","lang":"en"}' "$f" segment --by sentence --lang en
  golden segment '{"by":"line","strict-uax":true}' "$f" segment --by line --strict-uax
  golden key '{}' "$f" key
  golden key '{"lang":"de","romanize":true}' "$f" key --lang de --romanize
  golden key '{"fold":"diacritics,kana,arabic"}' "$f" key --fold diacritics,kana,arabic
  golden key '{"fold":"all"}' "$f" key --fold all
  golden check '{}' "$f" check
  golden check '{"lang":"hi"}' "$f" check --lang hi
  golden check '{"disable":"all","enable":"bidi-reorder,not-nfc"}' "$f" check --disable all --enable bidi-reorder,not-nfc
  golden_text check '{"fix":true}' "$f" check --fix
  golden detect '{}' "$f" detect
  golden detect '{"top":5}' "$f" detect --top 5
  golden detect '{"spans":true}' "$f" detect --spans
  golden detect '{"whole":true}' "$f" detect --whole
  golden_text translit '{"transform":"Any-Latin"}' "$f" translit -t Any-Latin
  golden_text translit '{"transform":"Latin-Cyrillic","reverse":true,"whole-lines":true}' "$f" translit -t Latin-Cyrillic --reverse --whole-lines
  golden_text convert '{"from":"zawgyi"}' "$f" convert --from zawgyi
  golden_text convert '{"from":"zawgyi","if-zawgyi":true}' "$f" convert --from zawgyi --if-zawgyi
  golden_text convert '{"to":"krutidev"}' "$f" convert --to krutidev
  golden_text sort '{}' "$f" sort
  golden_text sort '{"lang":"sv","reverse":true,"unique":true}' "$f" sort --lang sv -r -u
  for form in nfc nfd nfkc nfkd nfkc_cf; do
    { printf '{"text":'; json_string "$f"; printf ',"options":{"form":"%s"}}' $form; } >"$tmp/req"
    request POST /api/v1/normalize "$tmp/req"
    "$loc" normalize --form $form <"$f" >"$tmp/cli"
    checks=$((checks + 1))
    [ "$body" = "{\"results\":[],\"text\":$(json_string "$tmp/cli")}" ] ||
      fail "normalize $form $(basename "$f"): $body"
  done
done
# render: the image itself, byte for byte what loc render writes
if [ -r "$font" ]; then
  for f in "$inputs"/*.txt; do
    for fmt in svg png; do
      for fontopt in '' ",\"font\":\"$(basename "$font")\""; do
        { printf '{"text":'; json_string "$f"; printf ',"options":{"format":"%s","width":500,"fg":"203040","align":"center"%s}}' $fmt "$fontopt"; } >"$tmp/req"
        curl -s -o "$tmp/img" -D "$tmp/headers" --max-time 20 -H 'Content-Type: application/json' --data-binary "@$tmp/req" "$base/api/v1/render"
        fargs=()
        [ -n "$fontopt" ] && fargs=(--font "$font")
        "$loc" render "${fargs[@]}" --width 500 --fg 203040 --align center -o "$tmp/cli.$fmt" <"$f" 2>/dev/null
        checks=$((checks + 1))
        cmp -s "$tmp/img" "$tmp/cli.$fmt" || fail "render $fmt $fontopt $(basename "$f"): differs from loc render"
        grep -qi "^Content-Type: image/$([ $fmt = svg ] && echo 'svg+xml' || echo png)" "$tmp/headers" ||
          fail "render $fmt: media type: $(grep -i content-type "$tmp/headers")"
      done
    done
    # shape: loc shape --font FILE --json
    golden shape "{\"font\":\"$(basename "$font")\"}" "$f" shape --font "$font"
    golden shape "{\"font\":\"$(basename "$font")\",\"runs\":true,\"features\":\"-kern,liga\"}" "$f" shape --font "$font" --runs --features=-kern,liga
    golden shape "{\"font\":\"$(basename "$font")\",\"direction\":\"rtl\",\"script\":\"Arab\",\"language\":\"ar\",\"no-glyph-names\":true,\"show-extents\":true,\"cluster-level\":1}" "$f" shape --font "$font" --direction rtl --script Arab --language ar --no-glyph-names --show-extents --cluster-level 1
    # fontcheck with the text as the sample, against --text FILE
    printf '{"text":'  >"$tmp/req"; json_string "$f" >>"$tmp/req"
    printf ',"options":{"font":"%s","lang":["hi","en","ar","und-Zzzz"]}}' "$(basename "$font")" >>"$tmp/req"
    request POST /api/v1/fontcheck "$tmp/req"
    want="{\"results\":[$("$loc" fontcheck --json --font "$font" --text "$f" --lang hi --lang en --lang ar --lang und-Zzzz 2>/dev/null |
      sed "s|^{\"font\":\"$font\"|{\"font\":\"$(basename "$font")\"|" | paste -sd,)]}"
    checks=$((checks + 1))
    [ "$body" = "$want" ] || fail "fontcheck $(basename "$f"): $status
  got:  $body
  want: $want"
  done
  printf '{"text":"","options":{"font":"%s","all":true}}' "$(basename "$font")" >"$tmp/req"
  request POST /api/v1/fontcheck "$tmp/req"
  want="{\"results\":[$("$loc" fontcheck --json --font "$font" --all |
    sed "s|^{\"font\":\"$font\"|{\"font\":\"$(basename "$font")\"|" | paste -sd,)]}"
  checks=$((checks + 1))
  [ "$body" = "$want" ] || fail "fontcheck --all: $status $(printf %s "$body" | head -c 300)"
  post_font() { printf '%s' "$2" >"$tmp/req"; request POST "$1" "$tmp/req"; }
  post_font /api/v1/render '{"text":"a","options":{"font":"nope.ttf"}}'
  expect 400 "option 'options.font': no font 'nope.ttf' is loaded ($(basename "$font"))" "render: unknown font"
  post_font /api/v1/render '{"text":"a","options":{"font":"../../etc/passwd"}}'
  expect 400 "no font '../../etc/passwd' is loaded" "render: a path as font"
  post_font /api/v1/render '{"text":"a","options":{"width":10}}'
  expect 400 "option 'options.width' takes 16 to 20000 pixels" "render: width"
  post_font /api/v1/render '{"text":"a","options":{"fg":"red"}}'
  expect 400 "option 'options.fg': colours are RRGGBB, not 'red'" "render: colour"
  post_font /api/v1/render '{"text":"a","options":{"format":"gif"}}'
  expect 400 "option 'options.format' takes svg or png" "render: format"
  post_font /api/v1/shape '{"text":"a"}'
  expect 400 "option 'options.font' is required" "shape without font"
  post_font /api/v1/shape "{\"text\":\"a\",\"options\":{\"font\":\"$(basename "$font")\",\"direction\":\"up\"}}"
  expect 400 "options 'direction' or 'script'" "shape: bad direction"
  post_font /api/v1/shape "{\"text\":\"a\",\"options\":{\"font\":\"$(basename "$font")\",\"features\":\"+\"}}"
  expect 400 "options 'features' or 'variations'" "shape: bad feature"
  post_font /api/v1/fontcheck '{"text":"a"}'
  expect 400 "option 'options.font' is required" "fontcheck without font"
  post_font /api/v1/fontcheck "{\"text\":\"\",\"options\":{\"font\":\"$(basename "$font")\",\"lang\":[\"en\",1]}}"
  expect 400 "option 'options.lang' must be a string or an array of strings" "fontcheck: lang array"
  post_font /api/v1/fontcheck "{\"text\":\"\",\"options\":{\"font\":\"$(basename "$font")\",\"lang\":\"not a tag\"}}"
  expect 400 "option 'options.lang': 'not a tag': not a valid BCP 47 tag" "fontcheck: bad lang"
else
  echo "note: $font is not installed: render and fontcheck are not tested"
fi

# idn: {"names":[...]} against `loc idn OP --json NAME...`
golden_names() { # ENDPOINT OPTIONS-JSON CLI-ARGS... -- NAMES...
  local ep=$1 opts=$2
  shift 2
  local args=()
  while [ "$1" != -- ]; do args+=("$1"); shift; done
  shift
  local list=
  for n in "$@"; do list+=$(printf '%s' "$n" | /usr/bin/python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()), end="")' 2>/dev/null || printf '"%s"' "$n"),; done
  printf '{"names":[%s],"options":%s}' "${list%,}" "$opts" >"$tmp/req"
  request POST "/api/v1/$ep" "$tmp/req"
  local want
  want="{\"results\":[$("$loc" "${args[@]}" --json "$@" 2>/dev/null | paste -sd,)]}"
  checks=$((checks + 1))
  [ "$status" = 200 ] || { fail "$ep $opts: status $status: $body"; return; }
  [ "$body" = "$want" ] || fail "$ep $opts: answer differs from loc ${args[*]} --json
  got:  $body
  want: $want"
}
names=(example.com bücher.de xn--bcher-kva.de 'ab--c.com' пример.рф 'аррӏе.com' 'pаypal.com'
  'a‌b.com' '١٢٣.example' 'EXAMPLE.COM' '' '.' 'a..b' 'faß.de' 'ﬁ.com' 'f0o.example' 'abc.example')
golden_names idn/to-ascii '{}' idn to-ascii -- "${names[@]}"
golden_names idn/to-ascii '{"transitional":true}' idn to-ascii --transitional -- "${names[@]}"
golden_names idn/to-ascii '{"profile":"url"}' idn to-ascii --profile url -- "${names[@]}"
golden_names idn/to-unicode '{}' idn to-unicode -- "${names[@]}"
golden_names idn/check '{}' idn check -- "${names[@]}"
golden_names idn/check '{"profile":"uts46","max-level":"highly-restrictive"}' idn check --profile uts46 --max-level highly-restrictive -- "${names[@]}"
golden_names idn/check '{"lgr":"features.xml"}' idn check --lgr "$lgrs/features.xml" -- "${names[@]}"
golden_names idn/confusables '{}' idn confusables --against "$zone" -- $(cat "$cases/idn-confusables/stdin") "${names[@]}"
golden_names idn/lgr '{"lgr":"features.xml"}' idn lgr --lgr "$lgrs/features.xml" -- "${names[@]}" abc
golden_names idn/variants '{"lgr":"many-variants.xml","max":5}' idn variants --lgr "$lgrs/many-variants.xml" --max 5 -- "${names[@]}" aaa
golden_names idn/variants '{"lgr":"features.xml","include-invalid":true}' idn variants --lgr "$lgrs/features.xml" --include-invalid -- "${names[@]}" abc
post_names() { printf '%s' "$2" >"$tmp/req"; request POST "$1" "$tmp/req"; }
post_names /api/v1/idn/lgr '{"names":["a"]}'
expect 400 "option 'options.lgr' is required: the base name of an LGR loaded with loc serve --lgr (features.xml, many-variants.xml)" "lgr without lgr"
post_names /api/v1/idn/check '{"names":["a"],"options":{"lgr":"/etc/passwd"}}'
expect 400 "option 'options.lgr': no LGR '/etc/passwd' is loaded" "check with a path as lgr"
post_names /api/v1/idn/check '{"names":["a"],"options":{"profile":"nope"}}'
expect 400 "option 'options.profile': 'nope' is not available here" "check: bad profile"
post_names /api/v1/idn/check '{"names":["a"],"options":{"max-level":"high"}}'
expect 400 "option 'options.max-level': unknown restriction level 'high'" "check: bad level"
post_names /api/v1/idn/to-unicode '{"names":["a"],"options":{"transitional":true}}'
expect 400 "unknown option 'options.transitional'" "to-unicode: transitional"
post_names /api/v1/idn/to-ascii '{"names":["a"],"options":{"profile":"url","transitional":true}}'
expect 400 "does not apply to profile url" "to-ascii: url and transitional"
post_names /api/v1/idn/variants '{"names":["a"],"options":{"lgr":"features.xml","max":0}}'
expect 400 "option 'options.max' wants a number from 1 to 100000" "variants: max 0"
post_names /api/v1/idn/variants '{"names":["a"],"options":{"lgr":"features.xml","max":100001}}'
expect 400 "option 'options.max' wants a number from 1 to 100000" "variants: max over the ceiling"
post_names /api/v1/idn/check '{"names":"a"}'
expect 400 "field 'names' must be an array of strings" "names as a string"
post_names /api/v1/idn/check '{"text":"a"}'
expect 400 "unknown field 'text' (this endpoint takes 'names' and 'options')" "text to a name endpoint"

# tag: {"tags":[...]} against `loc tag --json TAG...`
tags=(en zh-hant-tw iw-IL sr-Latn-RS-x-private en-US-u-ca-gregory 'de--DE' i-klingon
  en-Latn-US-fonipa-fonipa toolongsubtag qaa-Qaai ar-EG 'ø' '')
tag_json=$(for t in "${tags[@]}"; do printf '"%s",' "$t"; done)
printf '{"tags":[%s]}' "${tag_json%,}" >"$tmp/req"
request POST /api/v1/tag "$tmp/req"
want="{\"results\":[$("$loc" tag --json "${tags[@]}" | paste -sd,)]}"
checks=$((checks + 1))
[ "$status" = 200 ] && [ "$body" = "$want" ] || fail "tag: status $status
  got:  $body
  want: $want"
printf '{"tags":[]}' >"$tmp/req"
request POST /api/v1/tag "$tmp/req"
expect 200 '{"results":[]}' "tag of no tags"
post_tags() { printf '%s' "$1" >"$tmp/req"; request POST /api/v1/tag "$tmp/req"; }
post_tags '{"tags":["en",1]}'
expect 400 "field 'tags[1]' must be a string" "a tag that is not a string"
post_tags '{"text":"en"}'
expect 400 "unknown field 'text' (this endpoint takes 'tags' and 'options')" "text given to tag"
printf '{"text":""}' >"$tmp/req"
request POST /api/v1/script "$tmp/req"
expect 200 '{"results":[]}' "script of an empty text"
printf '{"text":"a\\n\\nb"}' >"$tmp/req"
request POST /api/v1/segment "$tmp/req"
expect 400 "option 'options.by' is required" "segment without by"

# NDJSON when asked for: the CLI's lines as they are, "text" as a last line
f=$inputs/findings.txt
{ printf '{"text":'; json_string "$f"; printf ',"options":{"fix":true}}'; } >"$tmp/req"
request POST /api/v1/check "$tmp/req" -H 'Accept: application/x-ndjson'
"$loc" check --fix --json <"$f" 2>"$tmp/want" >"$tmp/fixed"
sed -i 's/^{"file":"<stdin>",/{/' "$tmp/want"
printf '{"text":%s}\n' "$(json_string "$tmp/fixed")" >>"$tmp/want"
checks=$((checks + 1))
cmp -s "$tmp/body" "$tmp/want" || fail "check as NDJSON: $(diff "$tmp/body" "$tmp/want" | head -5)"
curl -s -D "$tmp/headers" -o /dev/null --max-time 10 -H 'Content-Type: application/json' \
  -H 'Accept: application/x-ndjson' --data-binary "@$tmp/req" "$base/api/v1/check"
checks=$((checks + 1))
grep -qi '^Content-Type: application/x-ndjson' "$tmp/headers" || fail "NDJSON: media type"

# ---- error paths
post() { printf '%s' "$2" >"$tmp/req"; request POST "$1" "$tmp/req"; }
post /api/v1/check '{"text":"a","options":{"disable":"nosuchrule"}}'
expect 400 "option 'options.disable': unknown rule 'nosuchrule'" "check: unknown rule"
post /api/v1/check '{"text":"a","options":{"lang":"not a tag"}}'
expect 400 "option 'options.lang': 'not a tag': not a valid BCP 47 tag" "check: bad lang"
post /api/v1/detect '{"text":"a","options":{"top":0}}'
expect 400 "option 'options.top': 0 is not a number from 1 to" "detect: top 0"
post /api/v1/detect '{"text":"a","options":{"top":"3"}}'
expect 400 "option 'options.top' must be an integer from 0" "detect: top as a string"
post /api/v1/detect '{"text":"a","options":{"spans":true,"whole":true}}'
expect 400 "cannot be combined" "detect: spans and whole"
post /api/v1/translit '{"text":"a"}'
expect 400 "option 'options.transform' is required" "translit without transform"
post /api/v1/translit '{"text":"a","options":{"transform":"Nowhere-Nothing"}}'
expect 400 "option 'options.transform': " "translit: unknown transform"
post /api/v1/convert '{"text":"a","options":{"from":"latin1"}}'
expect 400 "one of them must be a legacy encoding" "convert: byte encodings"
post /api/v1/convert '{"text":"a","options":{"from":"krutidev","if-zawgyi":true}}'
expect 400 "option 'options.if-zawgyi' needs 'options.from'" "convert: if-zawgyi"
post /api/v1/sort '{"text":"a","options":{"lang":"x-"}}'
expect 400 "option 'options.lang'" "sort: bad lang"
post /api/v1/script '{"text":'
expect 400 '"bad JSON at line 1, column 8' "bad JSON"
: >"$tmp/req"
request POST /api/v1/script "$tmp/req"
expect 400 'the request body is empty' "empty body"
post /api/v1/script '["text"]'
expect 400 'must be a JSON object' "not an object"
printf '{"text":"ab\xc3(x"}' >"$tmp/req"
request POST /api/v1/script "$tmp/req"
expect 400 'invalid UTF-8 in the request body: byte 0xC3 at byte offset 11' "invalid UTF-8"
post /api/v1/script '{"text":"\ud800"}'
expect 400 'bad JSON' "lone surrogate escape"
post /api/v1/script '{"text":"a\u0000b"}'
expect 400 'bad JSON' "NUL escape"
post /api/v1/script '{"text":"a","txet":1}'
expect 400 "unknown field 'txet'" "unknown field"
post /api/v1/script '{"text":"a","text":"b"}'
expect 400 "duplicate object key" "duplicate field"
post /api/v1/script '{"options":{}}'
expect 400 "missing field 'text'" "missing text"
post /api/v1/script '{"text":1}'
expect 400 "field 'text' must be a string" "text of the wrong type"
post /api/v1/script '{"text":"a","options":[]}'
expect 400 "field 'options' must be an object" "options of the wrong type"
post /api/v1/script '{"text":"a","options":{"jobs":"2"}}'
expect 400 "unknown option 'options.jobs'" "unknown option"
post /api/v1/script '{"text":"a","options":{"summary":"yes"}}'
expect 400 "option 'options.summary' must be true or false" "option of the wrong type"
post /api/v1/segment '{"text":"a","options":{"by":"page"}}'
expect 400 "option 'options.by': 'page' is not" "bad option value"
post /api/v1/normalize '{"text":"a","options":{"form":"nfx"}}'
expect 400 "option 'options.form': unknown form 'nfx'" "bad form"
post /api/v1/key '{"text":"a","options":{"fold":"diacritics,case"}}'
expect 400 "option 'options.fold': 'diacritics,case': unknown fold at 'case'" "bad fold"
post /api/v1/script '{"text":"a","options":{"lang":"en"}}'
expect 400 "needs 'options.summary'" "lang without summary"
head -c 70000 /dev/zero | tr '\0' 'a' | sed 's/^/{"text":"/; s/$/"}/' >"$tmp/big"
request POST /api/v1/script "$tmp/big"
expect 413 'over the limit of 65536 bytes' "oversized body (Content-Length)"
request POST /api/v1/script "$tmp/big" -H 'Transfer-Encoding: chunked'
expect 413 'over the limit of 65536 bytes' "oversized body (chunked)"
post /api/v1/nope '{}'
expect 404 "no endpoint 'nope'" "unknown endpoint"
request GET /api/v1/health "" -H 'Host: attacker.example:80'
expect 400 "header 'Host' must name this loopback server" "foreign Host on loopback"
request GET /api/v1/health "" -H "Host: localhost:$port"
expect 200 '"status":"ok"' "Host localhost"
request GET /nope
expect 404 "no such page" "unknown page"
request GET /api/v1/script
expect 405 'only POST is allowed' "GET on an endpoint"
post /api/v1/health '{}'
expect 405 'only GET and HEAD are allowed' "POST on health"
printf '{"text":"a"}' >"$tmp/req"
request POST /api/v1/script "" --data-binary "@$tmp/req" -H 'Content-Type: text/plain'
expect 400 "header 'Content-Type' must be application/json" "wrong content type"
request POST /api/v1/script "" --data-binary "@$tmp/req" --path-as-is --url "$base/api/v1/../../etc/passwd"
checks=$((checks + 1))
case $status in 4*) ;; *) fail "a path with ..: status $status" ;; esac

# A slow client: the body arrives over ~1.6 s against --timeout 1.
slow_client() { # PORT BODY PAUSE
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'POST /api/v1/script HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n' "$1" "${#2}" >&3
  for ((i = 0; i < ${#2}; i += 4)); do
    printf '%s' "${2:i:4}" >&3
    sleep "$3"
  done
  timeout 5 cat <&3
  exec 3<&-
}
trap '' PIPE
body=$(slow_client "$port" '{"text":"slow client"}' 0.3)
status=$(printf '%s' "$body" | sed -n '1s/^HTTP\/1.1 \([0-9]*\).*/\1/p')
expect 408 'took longer than 1 s to arrive' "slow client"

# ---- SIGTERM drains a request in flight and exits 0
slow_client "$port" '{"text":"in flight"}' 0.15 >"$tmp/flight" &
client=$!
sleep 0.3
kill -TERM "$pid"
wait "$client"
wait "$pid"
rc=$?
pid=
checks=$((checks + 1))
[ $rc = 0 ] || fail "SIGTERM: exit status $rc"
grep -q '{"results":\[{"line":1,"runs":\[{"start":0,"end":9,"script":"Latn"}\]}\]}' "$tmp/flight" ||
  fail "SIGTERM: the request in flight was not answered: $(cat "$tmp/flight")"

# ---- the per-request time limit and the connection limit
start --max-time 1 --max-connections 2 --max-body 33554432
/usr/bin/python3 -c '
import json, random, sys
r = random.Random(7)  # words that repeat little: the transform cache does not help
letters = [chr(c) for c in range(0x915, 0x939)] + [chr(c) for c in range(0x93e, 0x94c)]
text = "".join(" ".join("".join(r.choice(letters) for _ in range(r.randint(2, 7)))
                        for _ in range(200)) + "\n" for _ in range(3000))
json.dump({"text": text, "options": {"transform": "Any-Latin; Latin-ASCII; Any-Upper"}},
          sys.stdout, ensure_ascii=False)
' >"$tmp/long"
request POST /api/v1/translit "$tmp/long" --max-time 60
expect 503 "took longer than 1 s to answer (--max-time)" "per-request time limit"
exec 5<>"/dev/tcp/127.0.0.1/$port" 6<>"/dev/tcp/127.0.0.1/$port"
sleep 0.2
request GET /api/v1/health
expect 503 "too many connections: this server takes 2 at once" "connection limit"
exec 5<&- 6<&-
sleep 0.2
request GET /api/v1/health
expect 200 '"status":"ok"' "under the connection limit again"
kill "$pid"; wait "$pid"
rc=$?
pid=
checks=$((checks + 1))
[ $rc = 0 ] || fail "the second server: exit status $rc after SIGTERM: $(tail -5 "$tmp/err")"

# ---- usage errors
checks=$((checks + 1))
"$loc" serve --listen localhost 2>"$tmp/usage"
[ $? = 2 ] && grep -q "not ADDR:PORT" "$tmp/usage" || fail "--listen without a port: $(cat "$tmp/usage")"

echo "serve API: $checks checks, $fails failed"
[ $fails = 0 ]
