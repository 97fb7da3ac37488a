#!/usr/bin/env bash
# Profiles a fresh in-memory hit with JFR and prints where the time goes:
#
#   oddscache-bench/profile-hit.sh [--quantiles histogram|summary|none] [--out DIR]
#
# Runs InMemoryHitBenchmark.oddsCacheGet (2 threads, one fork) under JMH's JFR profiler, then
# aggregates the execution samples: the top frames by self time, and by inclusive time (a method
# counted once per sample when it is anywhere on the stack). The .jfr file is kept in DIR for
# `jfr` or JDK Mission Control. BENCHMARKS.md quotes its output.
#
# Installs nothing. Needs Java 17 (with the `jfr` tool), Maven to build the jar when missing,
# and python3.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
quantiles=histogram
out="$(mktemp -d)"
while (($#)); do
  case "$1" in
    --quantiles) quantiles="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "profile-hit.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$quantiles" in histogram|summary|none) ;; *)
  echo "profile-hit.sh: --quantiles must be histogram, summary or none, got '$quantiles'" >&2
  exit 2 ;;
esac
for tool in java jfr python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "profile-hit.sh: $tool not found" >&2; exit 3; }
done
mkdir -p "$out"
out="$(readlink -f "$out")"

jar="$root/oddscache-bench/target/benchmarks.jar"
if [[ ! -f "$jar" ]]; then
  echo "profile-hit.sh: building $jar" >&2
  (cd "$root" && mvn -B -q -DskipTests package -pl oddscache-core,oddscache-bench -am)
fi

java -jar "$jar" 'InMemoryHitBenchmark.oddsCacheGet' -p "quantiles=$quantiles" \
  -f 1 -wi 2 -w 3 -i 3 -r 5 -prof "jfr:dir=$out" | grep -E '^(Benchmark|InMemoryHit)' >&2
recording="$(find "$out" -name profile.jfr | head -n 1)"
jfr print --json --events jdk.ExecutionSample "$recording" > "$out/samples.json"

python3 - "$out/samples.json" <<'PY'
import collections, json, sys

events = json.load(open(sys.argv[1]))["recording"]["events"]
self_time, inclusive = collections.Counter(), collections.Counter()
samples = 0
for event in events:
    frames = event["values"]["stackTrace"]["frames"]
    if not frames:
        continue
    samples += 1
    names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in frames]
    self_time[names[0]] += 1
    for name in set(names):
        inclusive[name] += 1

print(f"{samples} execution samples")
print("\nself time")
for name, count in self_time.most_common(15):
    print(f"{100 * count / samples:5.1f}%  {name}")
print("\ninclusive time (dev.oddscache, Caffeine, Micrometer, HdrHistogram)")
kept = ("dev.oddscache", "com.github.benmanes", "io.micrometer", "org.HdrHistogram")
shown = 0
for name, count in inclusive.most_common():
    if name.startswith(kept) and ".jmh_generated." not in name and ".bench." not in name:
        print(f"{100 * count / samples:5.1f}%  {name}")
        shown += 1
        if shown == 25:
            break
PY
echo "profile-hit.sh: recording kept in $recording" >&2
