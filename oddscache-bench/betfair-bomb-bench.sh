#!/usr/bin/env bash
# The Betfair bomb (issue 13) against the proxy: proxy p99 on a cached path while four clients
# post, in loops, an 8 KiB gzip body that expands to one 8 Mi-character line. Three phases of
# --duration seconds on one server: quiet; during the bombs; during a control in which the same
# four loops post a tiny valid body, so that what the load generator itself costs (four curl
# processes started some hundred times a second, on the same cores) is told apart from what the
# bombs cost the server.
#
#   betfair-bomb-bench.sh --jar oddscache-server/target/oddscache.jar
#                         [--duration S] [--heap SIZE] [--connections N] [--delay-ms N]
#
# The proxy load is paced plain wrk (each of --connections connections waits --delay-ms before
# each request: 8 x 4 ms is about 2,000 requests/s), as in proxy-bench.sh: wrk2 is not in Debian.
# The server runs with -Xmx --heap (512m: the heap on which the unbounded parser answered 500s).
# Prints one summary line per phase: p50, p99, requests/s, and the bodies' status counts. Needs
# nginx, wrk, curl and python3; installs nothing.
set -euo pipefail
# free_port, stop_pids
source "$(dirname "${BASH_SOURCE[0]}")/lib/processes.sh"

jar=""
duration=30
heap=512m
connections=8
delay_ms=4
while (($#)); do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --delay-ms) delay_ms="$2"; shift 2 ;;
    *) echo "betfair-bomb-bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -n "$jar" ]] || { echo "usage: betfair-bomb-bench.sh --jar JAR [--duration S]" >&2; exit 2; }
for tool in nginx wrk curl python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "betfair-bomb-bench: $tool missing" >&2; exit 3; }
done

work="$(mktemp -d /tmp/oddscache-bomb-bench.XXXXXX)"
pids=()
loops=()
stop_loops() {
  stop_pids "${loops[@]}"
  loops=()
}
cleanup() {
  stop_loops
  stop_pids "${pids[@]}"
  rm -rf "$work"
}
trap cleanup EXIT

upstream_port="$(free_port)"
oddscache_port="$(free_port)"

# The bomb: one line of empty objects in a runner change, 8 Mi characters, gzip level 9.
python3 - "$work" <<'EOF'
import gzip, sys
head = '{"op":"mcm","pt":1,"mc":[{"id":"1.1","rc":[{"id":1,"x":['
tail = '{}]}]}]}\n'
size = 8 * 1024 * 1024
line = head + '{},' * ((size - len(head) - len(tail) + 1) // 3) + tail
open(sys.argv[1] + '/bomb.gz', 'wb').write(gzip.compress(line.encode(), 9))
open(sys.argv[1] + '/tiny.gz', 'wb').write(gzip.compress(b'{"op":"mcm","pt":1,"mc":[]}\n', 9))
EOF

mkdir -p "$work/www/predictions" "$work/tmp" "$work/logs"
printf '{"match":"rma-fcb","market":"1x2","home":0.46,"draw":0.27,"away":0.27}\n' \
  > "$work/www/predictions/rma-fcb.json"
cat > "$work/nginx.conf" <<EOF
user root;
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/tmp/body;
  proxy_temp_path $work/tmp/proxy;
  fastcgi_temp_path $work/tmp/fastcgi;
  uwsgi_temp_path $work/tmp/uwsgi;
  scgi_temp_path $work/tmp/scgi;
  default_type application/json;
  server {
    listen 127.0.0.1:$upstream_port;
    root $work/www;
    add_header Cache-Control "max-age=300";
  }
}
EOF
nginx -p "$work" -c "$work/nginx.conf" &
pids+=($!)
java "-Xmx$heap" -jar "$jar" serve --port "$oddscache_port" \
  --upstream "http://127.0.0.1:$upstream_port" > "$work/logs/oddscache.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$oddscache_port/health/live" && break
  sleep 0.5
done

url="http://127.0.0.1:$oddscache_port/p/predictions/rma-fcb.json"
ingest="http://127.0.0.1:$oddscache_port/v1/odds/betfair"
curl -s -o /dev/null "$url"
hit="$(curl -s -o /dev/null -D - "$url" | tr -d '\r' | sed -n 's/^X-Cache: //Ip')"
[[ "$hit" == "HIT" ]] || { echo "betfair-bomb-bench: the path is not cached ($hit)" >&2; exit 1; }
echo "delay = function() return $delay_ms end" > "$work/paced.lua"
wrk -t1 -c"$connections" -d10s "$url" > /dev/null

# phase NAME [BODY]: paced wrk for --duration seconds, with four loops posting BODY if given.
phase() {
  local name="$1" body="${2:-}"
  if [[ -n "$body" ]]; then
    for n in 1 2 3 4; do
      ( while :; do
          curl -s -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/gzip' \
            --data-binary "@$body" "$ingest"
        done > "$work/codes.$name.$n" ) &
      loops+=($!)
    done
    sleep 2
  fi
  local load
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  wrk -t1 -c"$connections" -d"${duration}s" --latency -s "$work/paced.lua" "$url" \
    > "$work/wrk.$name"
  stop_loops
  local p50 p99 rps codes=""
  p50="$(awk '$1 == "50%" {print $2}' "$work/wrk.$name")"
  p99="$(awk '$1 == "99%" {print $2}' "$work/wrk.$name")"
  rps="$(awk '$1 == "Requests/sec:" {print $2}' "$work/wrk.$name")"
  if [[ -n "$body" ]]; then
    codes="; bodies: $(cat "$work"/codes."$name".* | sort | uniq -c | awk '{printf "%s x %s ", $2, $1}')"
  fi
  echo "$name: proxy p50 $p50, p99 $p99, $rps req/s (load $load)$codes"
}

phase quiet
phase bombs "$work/bomb.gz"
phase control "$work/tiny.gz"
curl -sf -o /dev/null "$url" && echo "after: the proxy answers"
echo "OutOfMemoryError in the server log: $(grep -c OutOfMemoryError "$work/logs/oddscache.log" || true)"
