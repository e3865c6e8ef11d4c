#!/usr/bin/env bash
# The service desk at scale on SQLite: N tickets (OPEN_SHARE of them open) added through
# the engine with their stored clocks by `rapport bench tickets`, which also times the
# breaching-within-the-hour view in process; then the same view over HTTP, as JSON and as
# the agent's page, with one connection (the time one answer takes) and with CONNS.
# Needs wrk, sqlite3 and curl; loopback only, each run ends by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
OPEN_SHARE=${OPEN_SHARE:-0.01}
source Benchmarks/common.sh

DB="$WORK/tickets-$N.db"
URL="sqlite:$DB"
if [ ! -f "$DB" ]; then
  "$BIN" bench tickets --database "$URL" --count "$N" --open-share "$OPEN_SHARE" --reads 0
fi
echo "tickets: $(sqlite3 "$DB" 'SELECT COUNT(*) FROM tickets') of which open: $(sqlite3 "$DB" "SELECT COUNT(*) FROM tickets WHERE status IN ('new','open')")"
# Clocks age: a database made earlier has every clock overdue, so the view lists the
# same tickets it would have listed when they were due.
"$BIN" bench tickets --database "$URL" --count 0 --reads 300
if [ -z "$(sqlite3 "$DB" "SELECT id FROM users WHERE email = 'desk@example.com'" 2>/dev/null)" ]; then
  echo 'bench-desk-password' | "$BIN" user add --email desk@example.com --role admin --password-stdin --database "$URL" 2>/dev/null
fi
token=$("$BIN" token create --name bench-tickets --user desk@example.com --scope read --database "$URL" 2>/dev/null | tail -1)
serve_bench tickets "$URL"
cookie=$(sign_in "$port" desk@example.com bench-desk-password)
for spec in "view-json|/api/v1/tickets/views/breaching_soon" "counts-json|/api/v1/tickets/views" "view-page|/tickets/queue?view=breaching_soon"; do
  label=${spec%%|*}
  paths=${spec#*|}
  auth_cookie=$cookie
  case $label in *-json) auth_cookie= ;; esac
  for conns in 1 "$CONNS"; do
    threads=$(( conns < THREADS ? conns : THREADS ))
    TOKEN="$token" COOKIE="$auth_cookie" PATHS="$paths" wrk -t"$threads" -c"$conns" -d"${DURATION}s" --latency -s Benchmarks/get_path.lua "http://127.0.0.1:$port" > "$WORK/wrk-tickets-$label-$conns.txt"
    printf '%s, %s connection(s): ' "$label" "$conns"
    wrk_line "$WORK/wrk-tickets-$label-$conns.txt"
  done
done
echo "peak RSS $(awk '/VmHWM/ { print $2 " " $3 }' /proc/$pid/status)"
kill "$pid"; wait "$pid" 2>/dev/null || true
