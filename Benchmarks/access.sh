#!/usr/bin/env bash
# What the access rules cost: the same requests as an admin (sees everything), a sales rep
# whose role sees only their own people (every tenth person is theirs) and a viewer whose
# role hides emails and phones, at N people on SQLite; plus the import rate with
# secure_delete on and the time of one password sign-in. Needs wrk and sqlite3.
# Loopback only; every wrk run ends after DURATION seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
source Benchmarks/common.sh

DB="$WORK/access-$N.db"
URL="sqlite:$DB"
[ -f "$WORK/people-$N.csv" ] || "$BIN" bench data --people "$N" --out "$WORK/people-$N.csv"
rm -f "$DB" "$DB-wal" "$DB-shm"
t0=$(ms); "$BIN" import people "$WORK/people-$N.csv" --database "$URL" | tail -1; t1=$(ms)
echo "import $N people: $((t1 - t0)) ms = $(( N * 1000 / (t1 - t0) )) rows/s"

admin=$("$BIN" token create --name bench --database "$URL" 2>/dev/null)
echo 'bench-rep-password' | "$BIN" user add --email rep@example.com --role sales --password-stdin --database "$URL" 2>/dev/null
"$BIN" user add --email viewer@example.com --role viewer --database "$URL" 2>/dev/null
rep=$("$BIN" token create --user rep@example.com --name rep --database "$URL")
viewer=$("$BIN" token create --user viewer@example.com --name viewer --database "$URL")
rep_id=$(sqlite3 "$DB" "SELECT id FROM users WHERE email = 'rep@example.com'")
sqlite3 "$DB" "UPDATE people SET owner_id = '$rep_id' WHERE seq % 10 = 0; PRAGMA optimize;"
"$BIN" bench ids people --database "$URL" --count 10000 > "$WORK/ids-all.txt"
sqlite3 "$DB" "SELECT id FROM people WHERE owner_id = '$rep_id' ORDER BY random() LIMIT 10000" > "$WORK/ids-rep.txt"

serve_bench access "$URL"

# One sign-in (form, then post): bcrypt at cost 12 dominates it.
t0=$(ms)
sign_in "$port" rep@example.com bench-rep-password > /dev/null
echo "one password sign-in: $(( $(ms) - t0 )) ms"

run() { # label token ids paths
  TOKEN=$2 IDS=$3 PATHS=$4 wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency -s "Benchmarks/$5" "http://127.0.0.1:$port" > "$WORK/wrk-access-$1.txt"
  printf '%s: ' "$1"
  wrk_line "$WORK/wrk-access-$1.txt"
}
for who in admin rep viewer; do
  token=${!who}
  ids="$WORK/ids-all.txt"; [ "$who" = rep ] && ids="$WORK/ids-rep.txt"
  run "$who get-by-id" "$token" "$ids" / get_by_id.lua
  run "$who list-page-1" "$token" "$ids" /api/v1/people get_path.lua
  run "$who search-latin" "$token" "$ids" "/api/v1/people?q=lovelace|/api/v1/people?q=ada|/api/v1/people?q=hopper" get_path.lua
  run "$who search-korean-2ch" "$token" "$ids" "/api/v1/people?q=%EB%B3%B4%EA%B2%BD|/api/v1/people?q=%EB%AF%BC%EC%A4%80|/api/v1/people?q=%EC%84%9C%EC%97%B0" get_path.lua
done
# A rep asking for everyone else's people: all 404, as cheap as a hit.
run "rep get-by-id of others (404)" "$rep" "$WORK/ids-all.txt" / get_by_id.lua
# Erasing a person: fields, keys, index terms and audit entries, then the FTS merge and the
# WAL checkpoint. Three people, one at a time.
for victim in $(tail -3 "$WORK/ids-all.txt"); do
  printf 'erase one person: '
  curl -s -o /dev/null -w '%{http_code} in %{time_total} s\n' -X POST -H "Authorization: Bearer $admin" "http://127.0.0.1:$port/api/v1/people/$victim/erase"
done
kill "$pid"; wait "$pid" 2>/dev/null || true
