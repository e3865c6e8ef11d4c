#!/usr/bin/env bash
# The deal board and the sales reports at N deals on SQLite (80% open, spread over the
# default pipeline's stages, three currencies, twelve close months, twenty reps): one connection gives
# the time a page or report takes, thirty-two give throughput. Needs wrk, sqlite3, curl.
# Loopback only; every run ends by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-12500}
source Benchmarks/common.sh

DB="$WORK/sales-$N.db"
URL="sqlite:$DB"
if [ ! -f "$DB" ]; then
  "$BIN" bench deals --count "$N" --database "$URL"
  echo 'bench-sales-password' | "$BIN" user add --email sales@example.com --role admin --password-stdin --database "$URL" 2>/dev/null
fi
echo "deals: $(sqlite3 "$DB" "SELECT COUNT(*) FROM deals WHERE deleted_at IS NULL"), open: $(sqlite3 "$DB" "SELECT COUNT(*) FROM deals WHERE status = 'open'")"
token=$("$BIN" token create --name bench --user sales@example.com --database "$URL" 2>/dev/null)
serve_bench sales "$URL"
cookie=$(sign_in "$port" sales@example.com bench-sales-password)
echo "board page: $(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port/deals/board" | wc -c) bytes of HTML"
run() { # label conns env-assignments…
  local label=$1 conns=$2; shift 2
  local threads=$(( conns < THREADS ? conns : THREADS ))
  env "$@" wrk -t"$threads" -c"$conns" -d"${DURATION}s" --latency -s Benchmarks/get_path.lua "http://127.0.0.1:$port" > "$WORK/wrk-sales-$label-$conns.txt"
  printf '%s, %s connection(s): ' "$label" "$conns"
  wrk_line "$WORK/wrk-sales-$label-$conns.txt"
}
for conns in 1 32; do run board-page "$conns" COOKIE="$cookie" PATHS=/deals/board; done
for report in forecast funnel summary; do run "report-$report" 1 TOKEN="$token" PATHS="/api/v1/reports/$report"; done
# Forecast against quota over the year's deals (2027), per rep and per team.
for by in owner team; do run "report-quota-$by" 1 TOKEN="$token" PATHS="/api/v1/reports/quota?from=2027-01&to=2027-12&by=$by"; done
run reports-page 1 COOKIE="$cookie" PATHS=/reports
# The same reports narrowed by the page's filters: one rep over every close date, one team
# over the first quarter of the deals' close dates (the generated dates, not today's).
rep=$(sqlite3 "$DB" "SELECT owner_id FROM deals WHERE owner_id IS NOT NULL LIMIT 1")
team=$(sqlite3 "$DB" "SELECT id FROM teams ORDER BY name LIMIT 1")
first=$(sqlite3 "$DB" "SELECT MIN(close_date) FROM deals")
last=$(date -d "$first + 3 months - 1 day" +%F)
for report in forecast funnel summary; do
  run "report-$report-owner" 1 TOKEN="$token" PATHS="/api/v1/reports/$report?owner=$rep"
  run "report-$report-team-quarter" 1 TOKEN="$token" PATHS="/api/v1/reports/$report?team=$team&from=$first&to=$last"
done
run reports-page-owner 1 COOKIE="$cookie" PATHS="/reports?owner=$rep"
kill "$pid"; wait "$pid" 2>/dev/null || true
