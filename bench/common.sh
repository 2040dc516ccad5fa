# Shared by normalize.sh and script.sh (sourced, not run): locating the
# build, timing commands, formatting numbers. POSIX sh + awk.

bench_die() { echo "$(basename "$0"): $*" >&2; exit 2; }

# Median wall time in seconds of `sh -c CMD`, over $runs runs, into $median,
# and the CPU time (user + system) into $cpu, the mean with hyperfine, else
# the median ("-" when it cannot be had): under load, CPU time is steadier.
# hyperfine when installed (it also corrects for the shell's start-up),
# otherwise a loop around `date +%s.%N`. BENCH_NO_HYPERFINE=1 forces the loop.
bench_time() {
  cmd=$1
  cpu=-
  if [ -z "${BENCH_NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then
    hyperfine --runs "$runs" --style none --export-json "$tmp/hf.json" \
      "$cmd" >/dev/null 2>"$tmp/hf.err" || {
        cat "$tmp/hf.err" >&2; median=; return 1; }
    median=$(sed -n 's/^ *"median": *\([0-9.eE+-]*\),*$/\1/p' "$tmp/hf.json" | head -n 1)
    user=$(sed -n 's/^ *"user": *\([0-9.eE+-]*\),*$/\1/p' "$tmp/hf.json" | head -n 1)
    sys=$(sed -n 's/^ *"system": *\([0-9.eE+-]*\),*$/\1/p' "$tmp/hf.json" | head -n 1)
    [ -z "$user" ] || [ -z "$sys" ] ||
      cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.4f", u + s }')
  else
    : > "$tmp/times"
    : > "$tmp/cpus"
    i=0
    while [ $i -lt "$runs" ]; do
      t0=$(date +%s.%N)
      if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%U %S' -a -o "$tmp/cpus" sh -c "$cmd" || { median=; return 1; }
      else
        sh -c "$cmd" || { median=; return 1; }
      fi
      t1=$(date +%s.%N)
      echo "$t0 $t1" | awk '{ printf "%.6f\n", $2 - $1 }' >> "$tmp/times"
      i=$((i + 1))
    done
    median=$(sort -g "$tmp/times" | bench_median_of_sorted)
    [ ! -s "$tmp/cpus" ] ||
      cpu=$(awk '{ printf "%.2f\n", $1 + $2 }' "$tmp/cpus" | sort -g | bench_median_of_sorted)
  fi
  [ -n "$median" ] || return 1
  median=$(awk -v m="$median" 'BEGIN { printf "%.4f", m }')
}

bench_median_of_sorted() {
  awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# MB/s (10^6 bytes) for BYTES in SECONDS.
bench_mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? b / 1e6 / s : 0) }'; }

# Ratio A/B with two decimals.
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# "ok" when VALUE >= TARGET, else "MISS".
bench_verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print ((v + 0 >= t + 0) ? "ok" : "MISS") }'; }

# Value of key=VALUE in a result line of icu_raw, lib_normalize, script_raw.
bench_field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1; }

# "identical" or where two files first differ.
bench_same() {
  if cmp -s "$1" "$2"; then
    echo identical
  else
    echo "DIFFER ($(cmp "$1" "$2" 2>&1 | sed 's/^.*differ: //' | head -n 1))"
  fi
}

# Sets $build (the meson build directory) from -B, $LOC_BUILD_ROOT or ./build.
bench_find_build() {
  build=${1:-${LOC_BUILD_ROOT:-}}
  [ -n "$build" ] || build="$root/build"
  [ -d "$build" ] || bench_die "no build directory '$build' (meson setup build && meson compile -C build, or -B DIR)"
  build=$(cd "$build" && pwd)
  bench_enable "$build"
}

# The benchmark programs are built only with the meson option bench on (off
# by default): turn it on in BUILD if needed, then bring BUILD up to date.
bench_enable() {
  if ! grep -q '"name": "bench", "value": true' "$1/meson-info/intro-buildoptions.json" 2>/dev/null; then
    echo "$(basename "$0"): turning on -Dbench=true in $1" >&2
    meson configure "$1" -Dbench=true >/dev/null || bench_die "meson configure $1 -Dbench=true failed"
  fi
  meson compile -C "$1" >/dev/null || bench_die "meson compile -C $1 failed"
}

# Seconds with four decimals.
bench_secs() { awk -v s="$1" 'BEGIN { printf "%.4f", s }'; }
