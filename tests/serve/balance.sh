#!/bin/bash
# Scaling `loc serve` out: two instances on loopback behind haproxy (the
# example of docs/serve.md). Answers through the balancer equal the CLI's;
# requests alternate between the instances; when one stops, the other
# answers everything. Usage: balance.sh LOC. Skips (77) without haproxy or
# curl.
set -u
loc=$1
haproxy=$(command -v haproxy || echo /usr/sbin/haproxy)
[ -x "$haproxy" ] || { echo "SKIP: haproxy is not installed"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl is not installed"; exit 77; }
tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
fails=0 checks=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# start_loc N: an instance on a free port; sets port_N and pid_N.
start_loc() {
  "$loc" serve --listen 127.0.0.1:0 --threads 1 2>"$tmp/err$1" &
  local pid=$! port=
  pids+=("$pid")
  for _ in $(seq 100); do
    port=$(sed -n 's|^loc: serve: listening on http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$tmp/err$1")
    [ -n "$port" ] && break
    sleep 0.05
  done
  [ -n "$port" ] || { echo "FAIL: instance $1 did not start"; cat "$tmp/err$1"; exit 1; }
  eval "port_$1=$port pid_$1=$pid"
}
start_loc 1
start_loc 2
free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
lb_port=$(free_port)
stats_port=$(free_port)

# A loopback instance only answers requests whose Host names it (a DNS
# rebinding guard): the balancer sends each server's own address as Host,
# which is why the servers are named by it (http-send-name-header).
cat >"$tmp/haproxy.cfg" <<EOF
global
  maxconn 256
defaults
  mode http
  timeout connect 2s
  timeout client 10s
  timeout server 30s
  retries 2
  option redispatch
  retry-on conn-failure empty-response response-timeout
frontend stats
  bind 127.0.0.1:$stats_port
  stats enable
  stats uri /stats
frontend api
  bind 127.0.0.1:$lb_port
  default_backend loc
backend loc
  balance roundrobin
  option httpchk GET /api/v1/health
  http-check send hdr Host 127.0.0.1
  http-send-name-header Host
  server 127.0.0.1:$port_1 127.0.0.1:$port_1 check inter 200ms fall 1 rise 1
  server 127.0.0.1:$port_2 127.0.0.1:$port_2 check inter 200ms fall 1 rise 1
EOF
"$haproxy" -c -q -f "$tmp/haproxy.cfg" || { echo "FAIL: haproxy refuses the configuration"; exit 1; }
"$haproxy" -db -f "$tmp/haproxy.cfg" >"$tmp/haproxy.log" 2>&1 &
pids+=("$!")
base=http://127.0.0.1:$lb_port
for _ in $(seq 100); do
  curl -s -o /dev/null --max-time 1 "$base/" && break
  sleep 0.05
done

para='Hello, мир! नमस्ते दुनिया क्‍ि ाम and a​zero width space.'
printf '{"text":"%s"}' "$para" >"$tmp/check.json"
want="{\"results\":[$(printf '%s\n' "$para" | "$loc" check --json | sed 's/^{"file":"<stdin>",/{/' | paste -sd,)]}"
post() { curl -s --max-time 10 -H 'Content-Type: application/json' --data-binary @"$tmp/check.json" "$base/api/v1/check"; }

# Through the balancer: the CLI's answer, every time.
for i in $(seq 20); do
  checks=$((checks + 1))
  got=$(post)
  [ "$got" = "$want" ] || { fail "request $i through haproxy: $got"; break; }
done
checks=$((checks + 1))
curl -s --max-time 5 "$base/api/v1/health" | grep -q '"status":"ok"' || fail "health through haproxy"

# Both instances answered some (haproxy's counts of responses with 2xx
# per server, column hrsp_2xx of its CSV statistics).
curl -s --max-time 5 "http://127.0.0.1:$stats_port/stats;csv" >"$tmp/stats.csv"
for p in "$port_1" "$port_2"; do
  n=$(awk -F, -v s="127.0.0.1:$p" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "hrsp_2xx") c = i }
    $1 == "loc" && $2 == s { print $c }' "$tmp/stats.csv")
  checks=$((checks + 1))
  [ "${n:-0}" -ge 5 ] || fail "instance on port $p answered ${n:-no} requests of 21 (round robin)"
done

# SIGTERM on one: it drains and exits 0, the other answers everything.
kill -TERM "$pid_1"
wait "$pid_1"
rc=$?
checks=$((checks + 1))
[ $rc = 0 ] || fail "instance 1: exit status $rc after SIGTERM"
for i in $(seq 10); do
  checks=$((checks + 1))
  got=$(post)
  [ "$got" = "$want" ] || { fail "request $i with one instance left: $got"; break; }
done

echo "serve behind haproxy: $checks checks, $fails failed"
[ $fails = 0 ]
