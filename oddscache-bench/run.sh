#!/usr/bin/env bash
# Runs every benchmark of the performance targets (in-memory, decision, Redis, proxy, stampede) and writes ONE JSON object to FILE:
#
#   oddscache-bench/run.sh [--quick] [--redis-server PATH] --out FILE
#
# JMH (in-memory hit vs raw Caffeine and vs the Caffeine + Micrometer assembly, decision, Redis
# hit vs Lettuce, stampede), then the proxy against nginx (proxy-bench.sh). --quick shortens every
# measurement (about 3 minutes on 2 cores instead of about 10); its figures are noisier. Redis:
# the redis-server binary shipped in the embedded-redis jar, unless --redis-server names another
# (e.g. /usr/bin/redis-server from Debian's redis-server package).
#
# Installs nothing. Needs Java 17 and Maven (to build the jars when missing or stale), and
# Debian's nginx, wrk, curl, jq and python3; it names the missing ones and stops.
# The raw JMH results and the proxy details are kept next to FILE (FILE.jmh.json, FILE.proxy.json).
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
quick=0
out=""
redis_server=""
while (($#)); do
  case "$1" in
    --quick) quick=1; shift ;;
    --out) out="$2"; shift 2 ;;
    --redis-server) redis_server="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -n "$out" ]] || { echo "usage: run.sh [--quick] [--redis-server PATH] --out FILE" >&2; exit 2; }
out="$(readlink -f "$out")"

missing=()
for tool in java:openjdk-17-jdk-headless nginx:nginx wrk:wrk curl:curl jq:jq python3:python3; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
if ((${#missing[@]})); then
  echo "run.sh: missing Debian packages: ${missing[*]}" >&2
  echo "run.sh: install them with: apt-get install -y ${missing[*]}" >&2
  exit 3
fi
if [[ -n "$redis_server" && ! -x "$redis_server" ]]; then
  echo "run.sh: $redis_server is not an executable (Debian: apt-get install -y redis-server)" >&2
  exit 3
fi

bench_jar="$root/oddscache-bench/target/benchmarks.jar"
server_jar="$root/oddscache-server/target/oddscache.jar"
stale() {
  local jar="$1"
  [[ ! -f "$jar" ]] && return 0
  [[ -n "$(find "$root" -path "$root/.git" -prune -o \
      \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$jar" -print -quit)" ]]
}
if stale "$bench_jar" || stale "$server_jar"; then
  command -v mvn >/dev/null 2>&1 || { echo "run.sh: the jars need building and Maven is missing: apt-get install -y maven" >&2; exit 3; }
  echo "run.sh: building the benchmarks and server jars" >&2
  mvn -B -q -f "$root/pom.xml" -DskipTests -pl oddscache-server,oddscache-bench -am package >&2
fi

load() { cut -d' ' -f1-3 /proc/loadavg; }
load_start="$(load)"
date_start="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "run.sh: start $date_start, load $load_start" >&2

if ((quick)); then
  jmh_opts=(-wi 2 -w 2 -i 3 -r 3)
  stampede_opts=(-wi 1 -i 5)
  # 30 s of warm-up: with 5 s or 10 s the JIT had not finished compiling the proxy's hit path on
  # a slow host (2026-12-01: rounds climbing from 6k to 12k req/s), so quick measured warm-up,
  # not hits; a serving proxy is warm.
  proxy_opts=(--duration 5 --rounds 3 --warmup 30)
else
  # Two forks: a fork can settle in a slower or faster mode (thread placement, JIT), so one
  # fork alone can mislead by a factor of two on this machine.
  jmh_opts=(-f 2 -wi 3 -w 4 -i 5 -r 4)
  stampede_opts=()
  proxy_opts=(--duration 10 --rounds 5 --warmup 15)
fi
java_props=()
[[ -n "$redis_server" ]] && java_props=("-Doddscache.bench.redisServer=$redis_server")

jmh_json="$out.jmh.json"
stampede_json="$out.stampede.json"
proxy_json="$out.proxy.json"
log="$out.log"
: > "$log"

echo "run.sh: JMH (2 threads): in-memory hit, decision (-prof gc), Redis hit" >&2
java "${java_props[@]}" -jar "$bench_jar" 'InMemoryHitBenchmark|DecisionBenchmark|RedisHitBenchmark' \
  "${jmh_opts[@]}" -prof gc -rf json -rff "$jmh_json" >> "$log" 2>&1 \
  || { echo "run.sh: JMH failed, see $log" >&2; tail -20 "$log" >&2; exit 1; }
redis_used="$(sed -n 's/^redis-server: \(.*\) on port.*/\1/p' "$log" | head -n 1)"

echo "run.sh: JMH: stampede (1,000 requests on one cold key)" >&2
java -jar "$bench_jar" 'StampedeBenchmark' "${stampede_opts[@]}" -rf json -rff "$stampede_json" >> "$log" 2>&1 \
  || { echo "run.sh: stampede failed, see $log" >&2; tail -20 "$log" >&2; exit 1; }

echo "run.sh: proxy: oddscache serve vs nginx proxy_cache (wrk)" >&2
"$root/oddscache-bench/proxy-bench.sh" --jar "$server_jar" --out "$proxy_json" "${proxy_opts[@]}" >> "$log" 2>&1 \
  || { echo "run.sh: proxy benchmark failed, see $log" >&2; tail -20 "$log" >&2; exit 1; }

load_end="$(load)"
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
memory="$(free -h | awk '/^Mem:/{print $2}')"
jdk="$(java -version 2>&1 | head -n 1)"

jq -n \
  --slurpfile jmh "$jmh_json" --slurpfile stampede "$stampede_json" --slurpfile proxy "$proxy_json" \
  --arg date "$date_start" --arg nproc "$(nproc)" --arg memory "$memory" --arg cpu "$cpu" \
  --arg jdk "$jdk" --arg os "$(uname -sr)" --arg loadStart "$load_start" --arg loadEnd "$load_end" \
  --arg mode "$([[ $quick == 1 ]] && echo quick || echo full)" --arg redis "$redis_used" '
  def bench(name): $jmh[0][] | select(.benchmark | endswith(name));
  def score(name): bench(name).primaryMetric.score;
  def ratio(a; b): (a / b * 10000 | round) / 10000;
  ($stampede[0][] | select(.benchmark | endswith("StampedeBenchmark.stampede"))) as $s
  | {
    machine: {nproc: ($nproc | tonumber), memory: $memory, cpu: $cpu, jdk: $jdk, os: $os,
      loadAverageAtStart: $loadStart, loadAverageAtEnd: $loadEnd, mode: $mode},
    date: $date,
    inMemoryHit: {
      opsPerSec: (score("InMemoryHitBenchmark.oddsCacheGet") | round),
      caffeineOpsPerSec: (score("InMemoryHitBenchmark.caffeineGetIfPresent") | round),
      ratio: ratio(score("InMemoryHitBenchmark.oddsCacheGet"); score("InMemoryHitBenchmark.caffeineGetIfPresent")),
      assemblyOpsPerSec: (score("InMemoryHitBenchmark.assemblyGet") | round),
      assemblyRatio: ratio(score("InMemoryHitBenchmark.oddsCacheGet"); score("InMemoryHitBenchmark.assemblyGet"))
    },
    decision: {
      nsPerOp: ((score("DecisionBenchmark.decide") * 10 | round) / 10),
      bytesPerOp: ((bench("DecisionBenchmark.decide").secondaryMetrics["gc.alloc.rate.norm"].score * 10 | round) / 10)
    },
    redisHit: {
      opsPerSec: (score("RedisHitBenchmark.oddsCacheGet") | round),
      lettuceOpsPerSec: (score("RedisHitBenchmark.lettuceGet") | round),
      ratio: ratio(score("RedisHitBenchmark.oddsCacheGet"); score("RedisHitBenchmark.lettuceGet")),
      server: $redis
    },
    proxyHit: ($proxy[0] | {reqPerSec, nginxReqPerSec, ratio, p99Ms}),
    stampede: {
      requests: $s.params.requests | tonumber,
      loads: ($s.secondaryMetrics.stampedeLoads.rawData[0] | max),
      stampedes: ($s.secondaryMetrics.stampedeLoads.rawData[0] | length)
    }
  }' > "$out"

echo "run.sh: done, load $load_end; $out:" >&2
cat "$out"
