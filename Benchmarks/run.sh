#!/usr/bin/env bash
# Reproduces docs/benchmarks.md: import, request latency under load, memory and start time
# at N people (default 1,000,000) on SQLite, and on PostgreSQL when BENCH_POSTGRES is set.
# Needs wrk and sqlite3 (apt-get install -y wrk sqlite3). Loopback only; every step ends
# by itself (wrk runs for DURATION seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
source Benchmarks/common.sh

ONLY=${ONLY:-all}   # all; postgres to rerun only the PostgreSQL part; import for the imports alone

if [ "$ONLY" = all ] || [ "$ONLY" = import ]; then
say "data"
[ -f "$WORK/people-$N.csv" ] || "$BIN" bench data --people "$N" --out "$WORK/people-$N.csv"
ls -l "$WORK/people-$N.csv" | awk '{ print $5 " bytes" }'

say "import $N people (SQLite) vs sqlite3 .import of the same file"
rm -f "$WORK/import.db"* "$WORK/baseline.db"*
t0=$(ms); sqlite3 "$WORK/baseline.db" ".mode csv" ".import $WORK/people-$N.csv people"; t1=$(ms)
echo "sqlite3 .import: $((t1 - t0)) ms"
t0=$(ms); "$BIN" import people "$WORK/people-$N.csv" --database "sqlite:$WORK/import.db" | tail -1; t1=$(ms)
echo "rapport import: $((t1 - t0)) ms"
fi

load() { # name db-url
  local name=$1 url=$2
  local token
  token=$("$BIN" token create --name bench --database "$url" 2>/dev/null)
  "$BIN" bench ids people --database "$url" --count 10000 > "$WORK/ids.txt"
  local start; start=$(ms)
  serve_bench "$name" "$url"
  echo "$name: start to first answer $(( $(ms) - start )) ms"
  local first_id; first_id=$(head -1 "$WORK/ids.txt")
  for spec in \
    "get-by-id|get_by_id.lua|" \
    "list-page-1|get_path.lua|/api/v1/people" \
    "search-latin|get_path.lua|/api/v1/people?q=lovelace|/api/v1/people?q=ada|/api/v1/people?q=hopper" \
    "search-korean-2ch|get_path.lua|/api/v1/people?q=%EB%B3%B4%EA%B2%BD|/api/v1/people?q=%EB%AF%BC%EC%A4%80|/api/v1/people?q=%EC%84%9C%EC%97%B0" \
    "search-japanese|get_path.lua|/api/v1/people?q=%E5%A4%AA%E9%83%8E|/api/v1/people?q=%E3%82%84%E3%81%BE%E3%81%A0|/api/v1/people?q=%E8%8A%B1%E5%AD%90"; do
    IFS='|' read -r label script paths <<< "$spec"
    paths=${spec#*|*|}
    TOKEN=$token IDS="$WORK/ids.txt" PATHS="${paths:-/}" wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency \
      -s "Benchmarks/$script" "http://127.0.0.1:$port" > "$WORK/wrk-$name-$label.txt"
    printf '%s %s: ' "$name" "$label"
    wrk_line "$WORK/wrk-$name-$label.txt"
  done
  echo "$name: peak RSS $(awk '/VmHWM/ { print $2 " " $3 }' /proc/$pid/status)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

if [ "$ONLY" = all ]; then
say "baseline: Hummingbird route returning a constant JSON"
cport=${CONSTANT_PORT:-18090}
"$BIN" bench constant --port "$cport" & cpid=$!
until curl -sf http://127.0.0.1:$cport/constant >/dev/null; do sleep 0.05; done
wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency http://127.0.0.1:$cport/constant > "$WORK/wrk-constant.txt"
printf 'constant: '; wrk_line "$WORK/wrk-constant.txt"
kill $cpid; wait $cpid 2>/dev/null || true

say "SQLite at $N people"
load sqlite "sqlite:$WORK/import.db"
fi

if [ -n "${BENCH_POSTGRES:-}" ]; then
  say "PostgreSQL at $N people"
  "$BIN" migrate --database "$BENCH_POSTGRES"
  if [ "$("$BIN" bench ids people --database "$BENCH_POSTGRES" --count 1 | wc -l)" = 0 ]; then
    # Baseline: psql's \copy of the same file into one plain table of text columns.
    cols=$(head -1 "$WORK/people-$N.csv" | tr ',' '\n' | awk '{ printf "%sc%d text", (NR > 1 ? ", " : ""), NR }')
    psql -q "$BENCH_POSTGRES" -c "DROP TABLE IF EXISTS bench_copy" -c "CREATE TABLE bench_copy ($cols)"
    t0=$(ms); psql -q "$BENCH_POSTGRES" -c "\copy bench_copy FROM '$WORK/people-$N.csv' WITH (FORMAT csv, HEADER true)"; t1=$(ms)
    echo "psql \copy: $((t1 - t0)) ms"
    psql -q "$BENCH_POSTGRES" -c "DROP TABLE bench_copy"
    t0=$(ms); "$BIN" import people "$WORK/people-$N.csv" --database "$BENCH_POSTGRES" | tail -1; t1=$(ms)
    echo "rapport import (PostgreSQL): $((t1 - t0)) ms"
  elif [ "$ONLY" = import ]; then
    echo "BENCH_POSTGRES already holds people: give an empty database to time an import"
  fi
  [ "$ONLY" = import ] || load postgres "$BENCH_POSTGRES"
fi
