#!/usr/bin/env bash
# Soak test (target: no leak in a 10-minute soak): runs `oddscache serve` in its own JVM in
# front of a synthetic upstream, drives a fixed request rate through it, and samples the server
# process at a fixed interval: heap used right after a full GC (jcmd GC.run, then GC.heap_info),
# live threads and open file descriptors (/proc/<pid>/task, /proc/<pid>/fd), resident memory,
# with the load's requests and failures so far and its latency p99/max over the last 10 s.
# Prints one table row per sample and fails (exit 1, with the reason) on sustained growth.
#
#   oddscache-bench/soak.sh [--minutes N] [--rate N] [--sample-seconds N]
#                           [--max-heap-slope-mb X] [--heap-mb N]
#
# Defaults: 2 minutes at 200 requests/s, a sample every 15 s (a trial run); the real soak is
# `--minutes 10 --rate 300`, sampled every 60 s. Traffic stays on 127.0.0.1, bounded in time.
#
# Growth rule, applied to the samples after a warm-up of the first 30% of the run (JIT, pools,
# caches and the keys of the churning matches fill there):
#   - heap after GC: fails if its least-squares slope exceeds --max-heap-slope-mb per minute
#     (default 1.0; a leak of 100 bytes per request at 300 req/s is 1.7 MB/min) and the heap
#     grew by more than 4 MB between the first and last judged samples (a noise floor: requests
#     in flight at the moment of a sample are live, a few MB either way);
#   - threads: fails if the last sample exceeds the warm-up's maximum by more than 4, or the
#     count rises steadily (slope over 0.5/min and 4 more);
#   - open files: the same with 8 (slope over 1/min and 8 more).
# Any failed request (5xx or transport error) fails the run too.
set -euo pipefail

minutes=2
rate=200
sample_seconds=""
max_slope=1.0
heap_mb=256
usage() {
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
while (($#)); do
  case $1 in
    --minutes) minutes=${2:?}; shift 2 ;;
    --rate) rate=${2:?}; shift 2 ;;
    --sample-seconds) sample_seconds=${2:?}; shift 2 ;;
    --max-heap-slope-mb) max_slope=${2:?}; shift 2 ;;
    --heap-mb) heap_mb=${2:?}; shift 2 ;;
    -h|--help) usage ;;
    *) echo "soak: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ $minutes =~ ^[0-9]+$ && $minutes -ge 1 ]] || { echo "soak: --minutes must be a whole number >= 1" >&2; exit 2; }
[[ $rate =~ ^[0-9]+$ && $rate -ge 1 ]] || { echo "soak: --rate must be a whole number >= 1" >&2; exit 2; }
if [[ -z $sample_seconds ]]; then
  if ((minutes >= 5)); then sample_seconds=60; else sample_seconds=15; fi
fi
[[ $sample_seconds =~ ^[0-9]+$ && $sample_seconds -ge 5 ]] || { echo "soak: --sample-seconds must be >= 5" >&2; exit 2; }
for tool in java jcmd awk; do
  command -v "$tool" >/dev/null || { echo "soak: '$tool' is needed (a JDK 17, not only a JRE)" >&2; exit 1; }
done

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# The server runs from its own jar; the load driver and the synthetic upstream (SoakLoad) from
# the benchmarks jar. Both are built when missing or older than any source, resource or POM.
server_jar="$root/oddscache-server/target/oddscache.jar"
bench_jar="$root/oddscache-bench/target/benchmarks.jar"
stale() {
  [[ ! -f "$1" ]] && return 0
  [[ -n "$(find "$root" -path "$root/.git" -prune -o \
      \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$1" -print -quit)" ]]
}
if stale "$server_jar" || stale "$bench_jar"; then
  if ! command -v mvn >/dev/null; then
    echo "soak: the jars need building and Maven is missing: apt-get install -y maven" >&2
    exit 1
  fi
  echo "soak: building the server and benchmarks jars" >&2
  mvn -B -q -f "$root/pom.xml" -DskipTests -pl oddscache-server,oddscache-bench -am package >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/oddscache-soak.XXXXXX")
# Private copies: a build during the soak must not replace the jars under the running JVMs.
cp "$server_jar" "$work/oddscache.jar"
cp "$bench_jar" "$work/benchmarks.jar"
jar="$work/oddscache.jar"
load_jar="$work/benchmarks.jar"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

# Waits (bounded) for a file to exist and be non-empty, or for a pattern in a log.
await_file() {
  for _ in $(seq 1 300); do
    [[ -s $1 ]] && return 0
    sleep 0.1
  done
  echo "soak: $2 did not start; see $work" >&2
  exit 1
}

java -Xmx128m -cp "$load_jar" dev.oddscache.bench.soak.SoakLoad upstream \
  --port-file "$work/upstream.port" >"$work/upstream.log" 2>&1 &
pids+=($!)
await_file "$work/upstream.port" "the synthetic upstream"
upstream="http://127.0.0.1:$(cat "$work/upstream.port")"

java -Xmx"${heap_mb}"m -XX:+UseG1GC -jar "$jar" serve --port 0 --upstream "$upstream" \
  >"$work/server.log" 2>&1 &
server_pid=$!
pids+=("$server_pid")
for _ in $(seq 1 600); do
  url=$(grep -o 'serving on http://127\.0\.0\.1:[0-9]*' "$work/server.log" 2>/dev/null | head -n 1 | sed 's/serving on //' || true)
  [[ -n $url ]] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
[[ -n ${url:-} ]] || { echo "soak: the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

java -Xmx256m -cp "$load_jar" dev.oddscache.bench.soak.SoakLoad load --target "$url" \
  --rate "$rate" \
  --seconds $((minutes * 60 + 10)) --stats-file "$work/load.stats" >"$work/load.log" 2>&1 &
load_pid=$!
pids+=("$load_pid")

# heap used after a full GC, in MB with one decimal (G1's "garbage-first heap ... used NK").
heap_after_gc() {
  jcmd "$server_pid" GC.run >/dev/null
  jcmd "$server_pid" GC.heap_info | awk '/garbage-first heap/ {
      for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); printf "%.1f", v / 1024; exit }
    }'
}

samples="$work/samples.tsv"
echo "oddscache soak: $minutes min at $rate req/s through $url (server pid $server_pid, -Xmx${heap_mb}m)," \
  "a sample every ${sample_seconds}s; $(nproc) CPUs; $(date -u +%Y-%m-%dT%H:%M:%SZ)"
printf '%-8s %-14s %-8s %-10s %-10s %-10s %-10s %-11s %-11s\n' \
  elapsed heap_after_gc threads open_fds rss_mb requests failed p99_10s_ms max_10s_ms
sample() {
  local elapsed=$1 label=$2 heap threads fds rss stats sent failed p99 max
  heap=$(heap_after_gc)
  threads=$(ls "/proc/$server_pid/task" | wc -l)
  fds=$(ls "/proc/$server_pid/fd" | wc -l)
  rss=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status")
  stats=$(tail -n 1 "$work/load.stats" 2>/dev/null || true)
  sent=$(sed -n 's/.*sent=\([0-9]*\).*/\1/p' <<<"$stats"); failed=$(sed -n 's/.*failed=\([0-9]*\).*/\1/p' <<<"$stats")
  p99=$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<<"$stats"); max=$(sed -n 's/.*max_ms=\([0-9.]*\).*/\1/p' <<<"$stats")
  # The sample after the load has stopped is shown, not judged: its connections are closed.
  [[ $label == end ]] || printf '%s\t%s\t%s\t%s\t%s\n' "$elapsed" "$heap" "$threads" "$fds" "$rss" >>"$samples"
  printf '%-8s %-14s %-8s %-10s %-10s %-10s %-10s %-11s %-11s\n' "$label" "${heap} MB" \
    "$threads" "$fds" "$rss" "${sent:--}" "${failed:--}" "${p99:--}" "${max:--}"
}

# Samples up to the planned end; the load runs 10 s longer, so the last judged sample is taken
# under steady traffic, not while its connections close.
start=$(date +%s)
next=$((start + sample_seconds))
end=$((start + minutes * 60))
while kill -0 "$load_pid" 2>/dev/null; do
  now=$(date +%s)
  if ((now >= next && next <= end)); then
    sample $((now - start)) "$((now - start))s"
    next=$((next + sample_seconds))
  fi
  sleep 1
done
load_rc=0
wait "$load_pid" || load_rc=$?
sample $(($(date +%s) - start)) end

echo
echo "load: $(tail -n 1 "$work/load.log")"
grep '^failure:' "$work/load.log" | head -n 5 || true

verdict=$(awk -F'\t' -v max_slope="$max_slope" -v warmup=$((minutes * 60 * 3 / 10)) '
  function slope(v,   i, k, sx, sy, sxx, sxy) {
    k = sx = sy = sxx = sxy = 0
    for (i = from; i <= n; i++) { k++; sx += t[i]; sy += v[i]; sxx += t[i] * t[i]; sxy += t[i] * v[i] }
    return (k >= 2 && (k * sxx - sx * sx) != 0) ? (k * sxy - sx * sy) / (k * sxx - sx * sx) : 0
  }
  { t[NR] = $1 / 60; h[NR] = $2; th[NR] = $3; fd[NR] = $4; if ($1 <= warmup) half = NR }
  END {
    n = NR; if (half < 1) half = 1
    # Judged: the samples after the warm-up (at least two for a slope).
    from = (n - half >= 2) ? half + 1 : n - 1; if (from < 1) from = 1
    hs = slope(h); ts = slope(th); fs = slope(fd)
    maxth = maxfd = 0
    for (i = 1; i < from; i++) { if (th[i] > maxth) maxth = th[i]; if (fd[i] > maxfd) maxfd = fd[i] }
    printf "after warm-up (%d samples): heap after GC %.1f -> %.1f MB, slope %.2f MB/min (limit %s); threads %d -> %d (warm-up max %d, slope %.2f/min); open fds %d -> %d (warm-up max %d, slope %.2f/min)\n", n - from + 1, h[from], h[n], hs, max_slope, th[from], th[n], maxth, ts, fd[from], fd[n], maxfd, fs
    bad = ""
    if (hs > max_slope && h[n] - h[from] > 4) bad = bad "heap after GC keeps growing; "
    if (th[n] > maxth + 4 || (ts > 0.5 && th[n] - th[from] >= 4)) bad = bad "thread count keeps growing; "
    if (fd[n] > maxfd + 8 || (fs > 1 && fd[n] - fd[from] >= 8)) bad = bad "open file count keeps growing; "
    if (bad != "") printf "FAIL: %s\n", bad; else print "PASS"
  }' "$samples")
echo "$verdict"
if [[ $verdict == *FAIL:* ]]; then
  echo "soak: sustained growth (logs in $work)" >&2
  exit 1
fi
if ((load_rc != 0)); then
  echo "soak: requests failed (logs in $work)" >&2
  exit 1
fi
echo "soak: no sustained growth, no failed request"
rm -rf "$work"
