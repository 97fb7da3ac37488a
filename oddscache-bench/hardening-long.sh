#!/usr/bin/env bash
# Long variants of the hardening tests that `mvn verify` runs short:
#   - the HTTP fuzz/property test (HttpFuzzTest) with many more tries over several seeds;
#   - Redis killed under proxy traffic through the server (RedisOutageThroughServerTest) with a
#     longer outage: a third of the traffic runs while Redis is down, so more requests per thread
#     mean a longer outage (40000 per thread on 8 threads is about 30 s here, the outage the
#     target "Redis down for 30 s under load: zero failed requests" names).
# Figures are appended to oddscache-server/target/measurements.txt and printed at the end.
#
#   oddscache-bench/hardening-long.sh [--tries N] [--seeds "S1 S2 ..."] [--requests-per-thread N]
#
# Defaults: 50000 tries for each of the seeds 1 2 3, 40000 requests per thread. For the soak, see
# soak.sh beside this script.
set -euo pipefail

tries=50000
seeds="1 2 3"
per_thread=40000
while (($#)); do
  case $1 in
    --tries) tries=${2:?}; shift 2 ;;
    --seeds) seeds=${2:?}; shift 2 ;;
    --requests-per-thread) per_thread=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    *) echo "hardening-long: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
measurements=oddscache-server/target/measurements.txt
before=$(wc -l <"$measurements" 2>/dev/null || echo 0)
modules=oddscache-core,oddscache-redis,oddscache-server
status=0
for seed in $seeds; do
  mvn -B -q -pl "$modules" test -Dtest=HttpFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Doddscache.fuzz.tries="$tries" -Doddscache.fuzz.seed="$seed" || status=1
done
mvn -B -q -pl "$modules" test -Dtest=RedisOutageThroughServerTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Doddscache.outage.requestsPerThread="$per_thread" \
  || status=1
echo
tail -n +"$((before + 1))" "$measurements" | grep -E 'HttpFuzzTest|RedisOutageThroughServerTest' || true
exit "$status"
