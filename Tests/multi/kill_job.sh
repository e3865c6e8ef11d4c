#!/usr/bin/env bash
# A job survives the instance running it: two `rapport serve` share one PostgreSQL, a slow
# job is queued, the instance that claims it is killed with SIGKILL, and the other one
# must take the job over when the lease expires and finish it exactly once.
#
#   Tests/multi/kill_job.sh 'postgres://user:pass@127.0.0.1:5432/db?sslmode=disable' [path/to/rapport]
#
# Everything listens on 127.0.0.1 and the whole run is bounded (about two minutes at most).
# It works in a schema of its own, dropped at the end.
set -euo pipefail

BASE="${1:-${RAPPORT_TEST_POSTGRES:-}}"
BIN="${2:-.build/debug/rapport}"
[ -n "$BASE" ] || { echo "usage: $0 POSTGRES_URL [RAPPORT_BINARY]" >&2; exit 2; }
[ -x "$BIN" ] || { echo "no rapport binary at $BIN (swift build first)" >&2; exit 2; }

SCHEMA="kill_$(date +%s)_$$"
SEP='?'; case "$BASE" in *\?*) SEP='&';; esac
URL="${BASE}${SEP}schema=${SCHEMA}"
WORK="$(mktemp -d /tmp/rapport-kill-job.XXXXXX)"
PORT_A=18481; PORT_B=18482; LEASE=6; SLEEP=8
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    pkill -P "$WATCHDOG" 2>/dev/null || true
    kill "$WATCHDOG" 2>/dev/null || true
    psql "$BASE" -q -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
    echo "logs kept in $WORK"
}
trap cleanup EXIT
trap "exit 1" TERM INT

fail() { echo "FAIL: $*" >&2; exit 1; }
# The whole run is bounded: past 150 s the script is stopped and cleans up after itself.
( sleep 150 </dev/null >/dev/null 2>&1; echo "FAIL: timed out" >&2; kill -TERM $$ ) &
WATCHDOG=$!
disown "$WATCHDOG"

psql "$BASE" -q -c "CREATE SCHEMA $SCHEMA" >/dev/null
"$BIN" migrate --database "$URL" >/dev/null

start() {
    (RAPPORT_DEBUG_JOBS=1 exec "$BIN" serve --database "$URL" --host 127.0.0.1 --port "$1" \
        --job-concurrency 1 --job-lease-seconds "$LEASE" >"$WORK/$2.log" 2>&1) &
    PIDS+=("$!")
}
wait_up() {
    for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0; sleep 0.2; done
    fail "server on $1 did not start"
}
# One after the other: the first start of a database creates its default pipeline.
start $PORT_A a; PID_A=${PIDS[0]}; wait_up $PORT_A
start $PORT_B b; PID_B=${PIDS[1]}; wait_up $PORT_B

JOB=$("$BIN" jobs enqueue-test --database "$URL" --seconds "$SLEEP" | tail -1)
echo "queued $JOB"

row() { "$BIN" jobs list --database "$URL" --limit 1000 | awk -F'\t' -v id="$JOB" '$1 == id'; }
OWNER=""
for _ in $(seq 1 50); do
    R=$(row)
    if [ "$(echo "$R" | cut -f3)" = running ]; then OWNER=$(echo "$R" | cut -f8); break; fi
    sleep 0.2
done
[ -n "$OWNER" ] || fail "no instance claimed the job"
HOLDER=$(echo "$OWNER" | cut -d: -f2)
case "$HOLDER" in
    "$PID_A") VICTIM=a; SURVIVOR=b ;;
    "$PID_B") VICTIM=b; SURVIVOR=a ;;
    *) fail "lease owner $OWNER is neither $PID_A nor $PID_B" ;;
esac
sleep 2
echo "instance $VICTIM (pid $HOLDER) holds the job; kill -9"
kill -9 "$HOLDER"

STATE=""
for _ in $(seq 1 $(( (LEASE + SLEEP + 20) * 5 ))); do
    STATE=$(row | cut -f3)
    [ "$STATE" = succeeded ] && break
    sleep 0.2
done
[ "$STATE" = succeeded ] || fail "the job did not finish on the survivor (state: $STATE)"
ATTEMPTS=$(row | cut -f4)
FINISHED=$(cat "$WORK"/a.log "$WORK"/b.log | grep -c 'msg="Debug job finished"' || true)
[ "$FINISHED" = 1 ] || fail "the job finished $FINISHED times"
grep -q 'msg="Debug job finished"' "$WORK/$SURVIVOR.log" || fail "the survivor did not finish it"
grep -q 'msg="Debug job started"' "$WORK/$VICTIM.log" || fail "the killed instance never started it"
echo "job $JOB: succeeded on $SURVIVOR after $VICTIM was killed, attempts $ATTEMPTS, finished once"

# The survivor shuts down cleanly on SIGTERM and says so.
SPID=$([ "$SURVIVOR" = a ] && echo "$PID_A" || echo "$PID_B")
kill -TERM "$SPID"
for _ in $(seq 1 100); do kill -0 "$SPID" 2>/dev/null || break; sleep 0.2; done
kill -0 "$SPID" 2>/dev/null && fail "the survivor did not stop within 20 s of SIGTERM"
grep -q 'Rapport stopped' "$WORK/$SURVIVOR.log" || fail "no shutdown line"
echo "PASS"
