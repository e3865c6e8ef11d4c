#!/usr/bin/env bash
# Creates per second on one PostgreSQL database through one `rapport serve`, then through
# three at once (a wrk per instance, CONNS connections split between them): the growth
# path promises that more instances take more writes. Also GET by id and a two-character
# Korean search on the same database for the same instance counts.
#
#   BENCH_POSTGRES='postgres://user:pass@127.0.0.1:5432/bench?sslmode=disable' DURATION=10 Benchmarks/instances.sh
#
# The database should be empty (the script migrates it and adds people). Loopback only;
# every step ends by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/common.sh
URL=${BENCH_POSTGRES:?set BENCH_POSTGRES to an empty PostgreSQL database}
"$BIN" migrate --database "$URL" >/dev/null
TOKEN=$("$BIN" token create --name bench-instances --scope write --database "$URL" 2>/dev/null | tail -1)
export TOKEN

run_creates() { # label instance-count
  local label=$1 count=$2 pids=() ports=() i per
  per=$(( CONNS / count )); [ "$per" -ge 1 ] || per=1
  for i in $(seq 1 "$count"); do
    serve_bench "$label-$i" "$URL"
    pids+=("$pid"); ports+=("$port")
  done
  local wrks=()
  for i in $(seq 0 $((count - 1))); do
    PREFIX="$label$i" wrk -t1 -c"$per" -d"${DURATION}s" --latency -s Benchmarks/create_person.lua "http://127.0.0.1:${ports[$i]}" > "$WORK/wrk-$label-$i.txt" &
    wrks+=($!)
  done
  wait "${wrks[@]}"
  local total=0
  for i in $(seq 0 $((count - 1))); do
    printf '%s instance %d: ' "$label" "$((i + 1))"; wrk_line "$WORK/wrk-$label-$i.txt"
    total=$(awk -v t="$total" '/Requests\/sec/ { printf "%.1f", t + $2 }' "$WORK/wrk-$label-$i.txt")
  done
  echo "$label: $total creates/s in all"
  for p in "${pids[@]}"; do kill "$p"; wait "$p" 2>/dev/null || true; done
}

say "creates per second, one instance, $CONNS connections"
run_creates one 1
say "creates per second, three instances, $CONNS connections split between them"
run_creates three 3
