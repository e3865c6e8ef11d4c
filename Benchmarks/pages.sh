#!/usr/bin/env bash
# Server-rendered pages at N people on SQLite: the full HTML of the people list (first page,
# name order, a search), a person's page and home, for a signed-in admin. One connection
# gives the time a page takes to render (its median is the figure to compare with 30 ms);
# thirty-two give throughput. Reuses bench-data/import.db from Benchmarks/run.sh when it
# holds N people. Needs wrk, sqlite3 and curl; loopback only, each run ends by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
source Benchmarks/common.sh

DB="$WORK/import.db"
URL="sqlite:$DB"
if [ ! -f "$DB" ]; then
  [ -f "$WORK/people-$N.csv" ] || "$BIN" bench data --people "$N" --out "$WORK/people-$N.csv"
  "$BIN" import people "$WORK/people-$N.csv" --database "$URL" | tail -1
fi
echo "people: $(sqlite3 "$DB" 'SELECT COUNT(*) FROM people WHERE deleted_at IS NULL')"
if [ -z "$(sqlite3 "$DB" "SELECT id FROM users WHERE email = 'pages@example.com'" 2>/dev/null)" ]; then
  echo 'bench-pages-password' | "$BIN" user add --email pages@example.com --role admin --password-stdin --database "$URL" 2>/dev/null
fi
serve_bench pages "$URL"
cookie=$(sign_in "$port" pages@example.com bench-pages-password)
ids=$(sqlite3 "$DB" "SELECT id FROM people WHERE deleted_at IS NULL ORDER BY random() LIMIT 3" | sed 's|^|/people/|' | paste -sd'|')
size=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port/people" | wc -c)
echo "list page 1: $size bytes of HTML"
for spec in "list-page-1|/people" "list-by-name|/people?sort=sort_name" "list-search|/people?q=%EB%B3%B4%EA%B2%BD|/people?q=lovelace" \
            "record-page|$ids" "global-search|/search?q=%EB%B3%B4%EA%B2%BD|/search?q=%E5%A4%AA%E9%83%8E" "home|/"; do
  label=${spec%%|*}
  paths=${spec#*|}
  for conns in 1 32; do
    threads=$(( conns < THREADS ? conns : THREADS ))
    COOKIE="$cookie" PATHS="$paths" wrk -t"$threads" -c"$conns" -d"${DURATION}s" --latency -s Benchmarks/get_path.lua "http://127.0.0.1:$port" > "$WORK/wrk-page-$label-$conns.txt"
    printf '%s, %s connection(s): ' "$label" "$conns"
    wrk_line "$WORK/wrk-page-$label-$conns.txt"
  done
done
echo "peak RSS $(awk '/VmHWM/ { print $2 " " $3 }' /proc/$pid/status)"
kill "$pid"; wait "$pid" 2>/dev/null || true
