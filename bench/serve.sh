#!/bin/bash
# `loc serve` under load on loopback: ab (apache2-utils) with 32 concurrent
# clients and a fixed number of requests per endpoint, keep-alive.
#
#   bench/serve.sh [-B BUILD] [-L LOC] [-n REQUESTS] [-c CLIENTS] [-t THREADS]
#
# Reports requests/s, p50 and p99 latency, failed requests and the server's
# resident memory before and after, for
#   - GET /api/v1/health        (a fixed reply: the server's own ceiling)
#   - POST /api/v1/check        (loc check of a paragraph; goal 2,000/s)
#   - POST /api/v1/idn/check    (loc idn check of a name; goal 8,000/s)
#   - POST /api/v1/script       (script runs of the paragraph)
#   - POST /api/v1/segment      (words of the same paragraph)
# next to the CLI's rate on the same inputs (one process over the paragraph
# or the name repeated as many times as requests). Before timing, the
# server's answers are compared with the CLI's.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=$root/build loc= requests=20000 clients=32 threads=2
while [ $# -gt 0 ]; do
  case $1 in
    -B) build=$2; shift 2 ;;
    -L) loc=$2; shift 2 ;;
    -n) requests=$2; shift 2 ;;
    -c) clients=$2; shift 2 ;;
    -t) threads=$2; shift 2 ;;
    *) echo "serve.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
loc=${loc:-$build/cli/loc}
command -v ab >/dev/null || { echo "serve.sh: ab is not installed (apache2-utils)" >&2; exit 2; }
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT

# A paragraph: Latin with some Cyrillic and Devanagari, ~600 bytes, one line.
para='The Universal Declaration of Human Rights was adopted in Paris on 10 December 1948. Всеобщая декларация прав человека принята в Париже. मानव अधिकारों की सार्वभौम घोषणा पेरिस में अपनाई गई। All human beings are born free and equal in dignity and rights. They are endowed with reason and conscience and should act towards one another in a spirit of brotherhood.'
name='bücher-straße.example'
printf '{"text":"%s"}' "$para" >"$tmp/script.json"
printf '{"text":"%s"}' "$para" >"$tmp/check.json"
printf '{"names":["%s"]}' "$name" >"$tmp/name.json"
printf '{"text":"%s","options":{"by":"word"}}' "$para" >"$tmp/segment.json"

"$loc" serve --listen 127.0.0.1:0 --threads "$threads" --max-connections 1024 2>"$tmp/err" &
pid=$!
for _ in $(seq 100); do
  port=$(sed -n 's|^loc: serve: listening on http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$tmp/err")
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { cat "$tmp/err" >&2; exit 2; }
base=http://127.0.0.1:$port

# The answers equal the CLI's.
got=$(curl -s -H 'Content-Type: application/json' --data-binary @"$tmp/script.json" "$base/api/v1/script")
want="{\"results\":[$(printf '%s\n' "$para" | "$loc" script --json)]}"
[ "$got" = "$want" ] || { echo "serve.sh: script answer differs from the CLI" >&2; exit 1; }
got=$(curl -s -H 'Content-Type: application/json' --data-binary @"$tmp/segment.json" "$base/api/v1/segment")
want="{\"results\":[$(printf '%s\n' "$para" | "$loc" segment --by word --json)]}"
[ "$got" = "$want" ] || { echo "serve.sh: segment answer differs from the CLI" >&2; exit 1; }
got=$(curl -s -H 'Content-Type: application/json' --data-binary @"$tmp/check.json" "$base/api/v1/check")
want="{\"results\":[$(printf '%s\n' "$para" | "$loc" check --json | sed 's/^{"file":"<stdin>",/{/' | paste -sd,)]}"
[ "$got" = "$want" ] || { echo "serve.sh: check answer differs from the CLI" >&2; exit 1; }
got=$(curl -s -H 'Content-Type: application/json' --data-binary @"$tmp/name.json" "$base/api/v1/idn/check")
want="{\"results\":[$("$loc" idn check --json "$name")]}"
[ "$got" = "$want" ] || { echo "serve.sh: idn/check answer differs from the CLI" >&2; exit 1; }

rss() { awk '/^VmRSS/ { print $2 }' "/proc/$pid/status"; }
echo "loc serve, $threads threads, $clients clients, $requests requests each, keep-alive ($(nproc) cores)"
printf '%-22s %10s %9s %9s %7s %12s\n' endpoint 'req/s' 'p50 ms' 'p99 ms' failed 'RSS KiB'
run() { # NAME PATH [BODY]
  local name=$1 path=$2 body=${3:-} args=(-q -k -n "$requests" -c "$clients" -e "$tmp/pct.csv")
  [ -n "$body" ] && args+=(-p "$body" -T application/json)
  local before; before=$(rss)
  ab "${args[@]}" "$base$path" >"$tmp/ab.out" 2>&1 || { cat "$tmp/ab.out" >&2; exit 1; }
  local rate failed non2xx p50 p99
  rate=$(sed -n 's/^Requests per second: *\([0-9.]*\).*/\1/p' "$tmp/ab.out")
  failed=$(sed -n 's/^Failed requests: *\([0-9]*\).*/\1/p' "$tmp/ab.out")
  non2xx=$(sed -n 's/^Non-2xx responses: *\([0-9]*\).*/\1/p' "$tmp/ab.out")
  p50=$(awk -F, '$1 == 50 { print $2 }' "$tmp/pct.csv")
  p99=$(awk -F, '$1 == 99 { print $2 }' "$tmp/pct.csv")
  printf '%-22s %10s %9.2f %9.2f %7s %5s -> %5s\n' "$name" "$rate" "$p50" "$p99" \
    "$((failed + ${non2xx:-0}))" "$before" "$(rss)"
}
run 'GET health (fixed)' /api/v1/health
run 'POST check' /api/v1/check "$tmp/check.json"
run 'POST idn/check' /api/v1/idn/check "$tmp/name.json"
run 'POST script' /api/v1/script "$tmp/script.json"
run 'POST segment word' /api/v1/segment "$tmp/segment.json"

# The CLI on the same paragraph, repeated as many times as requests.
for ((i = 0; i < requests; i++)); do printf '%s\n' "$para"; done >"$tmp/paras.txt"
for ((i = 0; i < requests; i++)); do printf '%s\n' "$name"; done >"$tmp/names.txt"
cli_rate() { # INPUT ARGS...
  local t0 t1 input=$1
  shift
  t0=$(date +%s.%N)
  "$loc" "$@" --json <"$input" >/dev/null || true
  t1=$(date +%s.%N)
  awk -v n="$requests" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }'
}
echo "CLI, one process, one thread: loc check --json $(cli_rate "$tmp/paras.txt" check) paragraphs/s;" \
  "loc idn check --json $(cli_rate "$tmp/names.txt" idn check) names/s;" \
  "loc script --json $(cli_rate "$tmp/paras.txt" script) paragraphs/s;" \
  "loc segment --by word --json $(cli_rate "$tmp/paras.txt" segment --by word) paragraphs/s"
kill -TERM "$pid"
wait "$pid"
pid=
