#!/usr/bin/env bash
# Proxy hit (target: at least 0.5x nginx): `oddscache serve` against nginx `proxy_cache`, both in
# front of the same static upstream (an nginx server block serving files), both warmed, both driven
# by wrk with the same threads, connections and duration. Then oddscache's p99 at half of its
# saturation rate (target: under 5 ms).
#
#   proxy-bench.sh --jar oddscache-server/target/oddscache.jar --out FILE
#                  [--duration S] [--rounds N] [--warmup S] [--threads N] [--connections N]
#
# The saturation runs alternate, nginx then oddscache, for --rounds rounds of --duration seconds
# each, so that both see the same machine (other builds, a noisy host): the figures are the
# medians of the rounds, and the ratio is the median of each round's ratio.
#
# Writes one JSON object to FILE. Needs Debian's nginx and wrk; installs nothing.
#
# wrk2 (constant-rate wrk) is not in Debian, so the half-saturation run paces plain wrk with a
# Lua delay(): each connection waits a whole number of milliseconds before each request, and
# enough connections are opened to reach the target rate. wrk measures latency from send to
# response, so a stalled response delays that connection's next request instead of counting the
# wait (coordinated omission): the p99 reported is a lower bound on what an open-model client at
# that rate would see. The achieved rate is reported next to it.
set -euo pipefail
# free_port, stop_pids
source "$(dirname "${BASH_SOURCE[0]}")/lib/processes.sh"

jar=""
out=""
duration=10
rounds=3
warmup=10
threads=2
connections=64
while (($#)); do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "proxy-bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -n "$jar" && -n "$out" ]] || { echo "usage: proxy-bench.sh --jar JAR --out FILE [--duration S]" >&2; exit 2; }

missing=()
for tool in nginx:nginx wrk:wrk curl:curl jq:jq; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
if ((${#missing[@]})); then
  echo "proxy-bench: missing Debian packages: ${missing[*]} (apt-get install -y ${missing[*]})" >&2
  exit 3
fi

work="$(mktemp -d /tmp/oddscache-proxy-bench.XXXXXX)"
pids=()
cleanup() {
  stop_pids "${pids[@]}"
  rm -rf "$work"
}
trap cleanup EXIT

upstream_port="$(free_port)"
nginx_port="$(free_port)"
oddscache_port="$(free_port)"

# The upstream content: one prediction, as in the README's session.
mkdir -p "$work/www/predictions" "$work/cache" "$work/tmp" "$work/logs"
printf '{"match":"rma-fcb","market":"1x2","home":0.46,"draw":0.27,"away":0.27,"model":"v12","computedAt":"2026-03-01T18:00:00Z"}\n' \
  > "$work/www/predictions/rma-fcb.json"

# One nginx: the upstream server block and the caching proxy. The proxy's worker processes
# serve hits from the cache; the upstream block is only read while warming.
cat > "$work/nginx.conf" <<EOF
user root;
worker_processes auto;
daemon off;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/tmp/body;
  proxy_temp_path $work/tmp/proxy;
  fastcgi_temp_path $work/tmp/fastcgi;
  uwsgi_temp_path $work/tmp/uwsgi;
  scgi_temp_path $work/tmp/scgi;
  default_type application/json;
  keepalive_requests 1000000;
  proxy_cache_path $work/cache levels=1:2 keys_zone=odds:10m max_size=100m inactive=10m use_temp_path=off;
  server {
    listen 127.0.0.1:$upstream_port;
    root $work/www;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    location /p/ {
      proxy_pass http://127.0.0.1:$upstream_port/;
      proxy_cache odds;
      proxy_cache_valid 200 10m;
      proxy_cache_lock on;
      add_header X-Cache \$upstream_cache_status;
    }
  }
}
EOF
nginx -p "$work" -c "$work/nginx.conf" &
pids+=($!)

java ${ODDSCACHE_BENCH_SERVER_OPTS:-} -jar "$jar" serve --port "$oddscache_port" \
  --upstream "http://127.0.0.1:$upstream_port" > "$work/logs/oddscache.log" 2>&1 &
pids+=($!)

wait_for() {
  local url="$1"
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "$url" && return 0
    sleep 0.5
  done
  echo "proxy-bench: $url did not come up" >&2
  cat "$work/logs/"* >&2 || true
  exit 1
}
wait_for "http://127.0.0.1:$upstream_port/predictions/rma-fcb.json"
wait_for "http://127.0.0.1:$oddscache_port/health/live"

path="/p/predictions/rma-fcb.json"
nginx_url="http://127.0.0.1:$nginx_port$path"
oddscache_url="http://127.0.0.1:$oddscache_port$path"

# The same request to both: oddscache reads its context from these headers, nginx ignores them.
# A kickoff two days away keeps the entry in zone STANDARD (TTL 300 s) for the whole run.
kickoff="$(date -u -d '+2 days' +%Y-%m-%dT%H:%M:%SZ)"
cat > "$work/request.lua" <<EOF
wrk.headers["X-Match-Id"] = "rma-fcb"
wrk.headers["X-Competition"] = "La Liga"
wrk.headers["X-Markets"] = "1x2"
wrk.headers["X-Kickoff"] = "$kickoff"

done = function(summary, latency, requests)
  io.write(string.format(
    'RESULT {"requests":%d,"durationUs":%d,"errors":%d,"non2xx":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d}\n',
    summary.requests, summary.duration,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50), latency:percentile(99), latency.max))
end
EOF

# Both caches hold the response before any measurement.
for url in "$nginx_url" "$oddscache_url"; do
  for _ in 1 2 3; do
    curl -s -o /dev/null -H 'X-Match-Id: rma-fcb' -H 'X-Competition: La Liga' -H 'X-Markets: 1x2' \
      -H "X-Kickoff: $kickoff" "$url"
  done
done
nginx_status="$(curl -s -o /dev/null -D - "$nginx_url" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache"{print $2}')"
oddscache_status="$(curl -s -o /dev/null -D - -H 'X-Match-Id: rma-fcb' -H 'X-Competition: La Liga' \
  -H 'X-Markets: 1x2' -H "X-Kickoff: $kickoff" "$oddscache_url" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache"{print $2}')"
if [[ "$nginx_status" != "HIT" || "$oddscache_status" != "HIT" ]]; then
  echo "proxy-bench: caches not warm (nginx X-Cache=$nginx_status, oddscache X-Cache=$oddscache_status)" >&2
  exit 1
fi

# run_wrk URL SECONDS CONNECTIONS [SCRIPT]: prints the RESULT JSON of one wrk run.
run_wrk() {
  local url="$1" seconds="$2" conns="$3" script="${4:-$work/request.lua}"
  local t="$threads"
  ((conns < t)) && t="$conns"
  wrk -t"$t" -c"$conns" -d"${seconds}s" -s "$script" "$url" | sed -n 's/^RESULT //p'
}

echo "proxy-bench: warming (JIT, connections) ${warmup}s each" >&2
run_wrk "$nginx_url" "$warmup" "$connections" >/dev/null
run_wrk "$oddscache_url" "$warmup" "$connections" >/dev/null

nginx_runs=()
oddscache_runs=()
for round in $(seq 1 "$rounds"); do
  echo "proxy-bench: round $round/$rounds, wrk -t$threads -c$connections -d${duration}s each, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  nginx_runs+=("$(run_wrk "$nginx_url" "$duration" "$connections")")
  oddscache_runs+=("$(run_wrk "$oddscache_url" "$duration" "$connections")")
done
nginx_all="$(printf '%s\n' "${nginx_runs[@]}" | jq -s .)"
oddscache_all="$(printf '%s\n' "${oddscache_runs[@]}" | jq -s .)"
oddscache_rps="$(jq -r 'map(.requests * 1000000 / .durationUs) | sort | .[length / 2 | floor]' <<<"$oddscache_all")"

# Half of oddscache's saturation rate: each connection waits `delay_ms` before each request, and
# connections = target * delay / 1000, so the paced rate is the target (minus response time).
target="$(jq -n --argjson r "$oddscache_rps" '($r / 2) | floor')"
delay_ms=4
paced_conns="$(jq -n --argjson t "$target" --argjson d "$delay_ms" '[($t * $d / 1000 | ceil), 1] | max')"
if ((paced_conns > 1000)); then
  delay_ms="$(jq -n --argjson t "$target" '1000 * 1000 / $t | floor | if . < 1 then 1 else . end')"
  paced_conns=1000
fi
cp "$work/request.lua" "$work/paced.lua"
echo "delay = function() return $delay_ms end" >> "$work/paced.lua"
# Each connection also spends the response time between requests, so a first short run
# measures the rate reached and the connections are scaled once to meet the target.
calibration="$(run_wrk "$oddscache_url" 3 "$paced_conns" "$work/paced.lua")"
paced_conns="$(jq -n --argjson c "$calibration" --argjson n "$paced_conns" --argjson t "$target" \
  '[[($n * $t / ($c.requests * 1000000 / $c.durationUs)) | ceil, 1000] | min, 1] | max')"
echo "proxy-bench: oddscache at half saturation: target $target req/s, $paced_conns connections x 1 request per ${delay_ms} ms" >&2
paced_run="$(run_wrk "$oddscache_url" "$((duration * 2))" "$paced_conns" "$work/paced.lua")"

if grep -qiE 'exception|error' "$work/logs/oddscache.log"; then
  echo "proxy-bench: note: the oddscache log mentions errors:" >&2
  grep -iE 'exception|error' "$work/logs/oddscache.log" | head -5 >&2
fi

jq -n \
  --argjson nginx "$nginx_all" --argjson oddscache "$oddscache_all" --argjson paced "$paced_run" \
  --argjson threads "$threads" --argjson connections "$connections" --argjson duration "$duration" \
  --argjson target "$target" --argjson pacedConnections "$paced_conns" --argjson delayMs "$delay_ms" \
  --arg nginxVersion "$(nginx -v 2>&1 | sed 's/^nginx version: //')" \
  --arg wrkVersion "$(wrk -v 2>&1 | head -n 1 | awk '{print $1" "$2}')" '
  def rps: .requests * 1000000 / .durationUs;
  def median: sort | .[length / 2 | floor];
  {
    reqPerSec: ($oddscache | map(rps) | median | floor),
    nginxReqPerSec: ($nginx | map(rps) | median | floor),
    ratio: ([range(0; $oddscache | length) | ($oddscache[.] | rps) / ($nginx[.] | rps)]
      | median * 1000 | round / 1000),
    p99Ms: ($paced.p99Us / 1000),
    saturation: {
      wrk: "wrk -t\($threads) -c\($connections) -d\($duration)s", rounds: ($oddscache | length),
      nginxVersion: $nginxVersion, wrkVersion: $wrkVersion,
      oddscache: ($oddscache | map(. + {reqPerSec: (rps | floor), p99Ms: (.p99Us / 1000)})),
      nginx: ($nginx | map(. + {reqPerSec: (rps | floor), p99Ms: (.p99Us / 1000)}))
    },
    halfSaturation: ($paced + {targetReqPerSec: $target, achievedReqPerSec: ($paced | rps | floor),
      connections: $pacedConnections, delayMs: $delayMs, p99Ms: ($paced.p99Us / 1000),
      p50Ms: ($paced.p50Us / 1000)})
  }' > "$out"
cat "$out" >&2
