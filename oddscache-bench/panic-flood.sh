#!/usr/bin/env bash
# Measures what made-up panicking match ids cost a server: heap used after a full GC before and
# after N proxied requests, each with a new X-Match-Id and X-Vix-Status: PANIC (no token needed),
# and the size and latency of GET /v1/status afterwards (the dashboard polls it every second).
#
#   oddscache-bench/panic-flood.sh [--matches 200000] [--heap-mb 256] [--server-jar PATH]
#       [--distinct-paths true]
#
# All requests go to one path by default, so only per-match state grows; --distinct-paths true
# gives each its own path, and the store then fills up to server.maxStoreEntries as well.
# --server-jar measures another build of the server (for example main's, for a before/after);
# the synthetic upstream and the flood come from this tree's benchmarks jar. In-memory store.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
matches=200000
heap_mb=256
server_jar="$root/oddscache-server/target/oddscache.jar"
distinct=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --matches) matches="$2"; shift 2 ;;
    --heap-mb) heap_mb="$2"; shift 2 ;;
    --server-jar) server_jar="$2"; shift 2 ;;
    --distinct-paths) distinct="$2"; shift 2 ;;
    *) echo "panic-flood: unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in java jcmd curl awk; do
  command -v "$tool" >/dev/null || { echo "panic-flood: $tool is missing" >&2; exit 1; }
done
bench_jar="$root/oddscache-bench/target/benchmarks.jar"
if [[ ! -f $bench_jar || ! -f $server_jar ]]; then
  echo "panic-flood: building the server and benchmarks jars" >&2
  mvn -B -q -f "$root/pom.xml" -DskipTests -pl oddscache-server,oddscache-bench -am package >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/oddscache-flood.XXXXXX")
cp "$server_jar" "$work/oddscache.jar"
cp "$bench_jar" "$work/benchmarks.jar"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  # The logs stay for reading; the jar copies do not.
  rm -f "$work"/*.jar
}
trap cleanup EXIT

java -Xmx128m -cp "$work/benchmarks.jar" dev.oddscache.bench.soak.SoakLoad upstream \
  --port-file "$work/upstream.port" --latency-ms 1 >"$work/upstream.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do [[ -s $work/upstream.port ]] && break; sleep 0.1; done
upstream="http://127.0.0.1:$(cat "$work/upstream.port")"

java -Xmx"${heap_mb}"m -XX:+UseG1GC -jar "$work/oddscache.jar" serve --port 0 \
  --upstream "$upstream" >"$work/server.log" 2>&1 &
server_pid=$!
pids+=("$server_pid")
url=
for _ in $(seq 1 600); do
  url=$(grep -o 'serving on http://127\.0\.0\.1:[0-9]*' "$work/server.log" 2>/dev/null \
    | head -n 1 | sed 's/serving on //' || true)
  [[ -n $url ]] && break
  sleep 0.1
done
[[ -n $url ]] || { echo "panic-flood: the server did not start" >&2; cat "$work/server.log" >&2; exit 1; }
# A server that runs out of heap under the flood is a result too: say so instead of dying quietly.
trap 'echo "panic-flood: a step failed; server log: $work/server.log" >&2; tail -n 3 "$work/server.log" >&2' ERR

heap_after_gc() {
  jcmd "$server_pid" GC.run >/dev/null
  jcmd "$server_pid" GC.heap_info | awk '/garbage-first heap/ {
      for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); printf "%.1f", v / 1024; exit }
    }'
}
status_probe() {
  # Ten reads, one a second as the dashboard polls; the last is reported, once the JIT has seen
  # the code the others ran.
  local line
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    sleep 1
    line=$(curl -s -o /dev/null -w '%{size_download} %{time_total}' "$url/v1/status")
  done
  awk -v l="$line" 'BEGIN { split(l, a, " "); printf "%.1f KB in %.0f ms", a[1] / 1024, a[2] * 1000 }'
}

curl -s -o /dev/null "$url/v1/status"
before_heap=$(heap_after_gc)
before_status=$(status_probe)
java -Xmx256m -cp "$work/benchmarks.jar" dev.oddscache.bench.soak.PanicFlood --target "$url" \
  --matches "$matches" --distinct-paths "$distinct"
after_heap=$(heap_after_gc)
after_status=$(status_probe)
panic_count=$(curl -s "$url/v1/status" | grep -o '"panicCount":{"total":[0-9]*' | grep -o '[0-9]*$' || true)
listed=$(curl -s "$url/v1/status" | grep -o '"match":' | wc -l)
evicted=$(curl -s "$url/metrics" | awk '/^oddscache_matches_evicted_total/ { printf "%s %s; ", $1, $2 }')

echo "panic-flood: $matches made-up PANIC match ids through $url (-Xmx${heap_mb}m, $(nproc) CPUs)"
echo "heap after GC:  before $before_heap MB, after $after_heap MB"
echo "/v1/status:     before $before_status, after $after_status"
echo "panics listed:  $listed (panicCount.total: ${panic_count:-absent})"
echo "evictions:      ${evicted:-none reported}"
