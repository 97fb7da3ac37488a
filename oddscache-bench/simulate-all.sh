#!/usr/bin/env bash
# The simulator figures of BENCHMARKS.md: every bundled scenario through `oddscache simulate`,
# one JSON per scenario in DIR, and a Markdown table of backend calls and served ages per policy
# on standard output. A second table, of served ages during tier-1 panic against the load
# durations (the target: served age during tier-1 panic at most one load duration), goes to
# DIR/tier1-panic.md.
#
#   oddscache-bench/simulate-all.sh DIR
#
# Needs jq. The simulator runs on virtual time: the figures do not depend on the machine.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
dir="${1:?usage: simulate-all.sh DIR}"
command -v jq >/dev/null 2>&1 || { echo "simulate-all: missing Debian package: jq" >&2; exit 3; }
mkdir -p "$dir"

tier1="$dir/tier1-panic.md"
{
  echo "| scenario | policy | tier-1 answers (failed) | tier-1 served age p50 / p99 / max (s) | tier-1 age since load start p50 / p99 / max (s) | load duration p50 / p99 / max (s) | tier-1 answers older than the longest load, by kind |"
  echo "|---|---|---|---|---|---|---|"
} >"$tier1"
echo "| scenario | policy | backend calls | calls/s mean / p99 / max | max concurrent | served age p50 / p99 / max (s) | PANIC served age p50 / p99 / max (s) | errors |"
echo "|---|---|---|---|---|---|---|---|"
for scenario in "$root"/scenarios/*.json; do
  name="$(basename "$scenario" .json)"
  start=$(date +%s)
  "$root/oddscache" simulate "$scenario" --json "$dir/$name.json" --no-progress >/dev/null
  echo "simulate-all: $name in $(( $(date +%s) - start )) s" >&2
  jq -r --arg name "$name" '
    def n: if . == null then "-" else tostring end;
    def ages(a): if a == null then "-" else "\(a.p50) / \(a.p99) / \(a.max)" end;
    .policies | to_entries[] | .key as $p | .value
    | "| \($name) | \($p) | \(.backendCalls) | \(.backendCallsPerSecond.mean) / \(.backendCallsPerSecond.p99) / \(.backendCallsPerSecond.max) | \(.backendMaxConcurrent) | \(ages(.servedAgeSeconds)) | \(ages(.panicServedAgeSeconds)) | \(.served.errors | n) |"
  ' "$dir/$name.json"
  jq -r --arg name "$name" '
    def ages(a): if a == null or a.p50 == null then "-" else "\(a.p50) / \(a.p99) / \(a.max)" end;
    .policies | to_entries[] | .key as $p | .value
    | .tier1PanicServedAgeSeconds as $t
    | ([$t.byAnswer | to_entries[] | select(.value.olderThanMaxLoad > 0)
        | "\(.key) \(.value.olderThanMaxLoad) (max \(.value.max))"] | join(", ")) as $older
    | "| \($name) | \($p) | \($t.count) (\($t.failed)) | \(ages($t)) | \(ages($t.sinceLoadStart)) | \(ages(.loadDurationSeconds)) | \(if $older == "" then "none" else $older end) |"
  ' "$dir/$name.json" >>"$tier1"
done
echo "simulate-all: tier-1 panic table in $tier1" >&2
