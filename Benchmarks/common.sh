# Shared by the benchmark scripts: settings from the environment, a release build, a clock.
N=${N:-1000000}
DURATION=${DURATION:-10}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
WORK=${WORK:-bench-data}
mkdir -p "$WORK"
# BIN=path/to/rapport uses a release binary built elsewhere (another --scratch-path).
if [ -z "${BIN:-}" ]; then
  swift build -c release >/dev/null
  BIN=$(swift build -c release --show-bin-path)/rapport
fi
export LOG_LEVEL=warning
ms() { echo $(( $(date +%s%N) / 1000000 )); }
say() { printf '\n## %s\n' "$*"; }
# sign_in PORT EMAIL PASSWORD: signs in through the form (its CSRF cookie first) and
# prints the session cookie as a Cookie header value.
sign_in() {
  local jar="$WORK/signin-$1.jar" form
  rm -f "$jar"
  form=$(curl -s -c "$jar" "http://127.0.0.1:$1/signin" | sed -n 's/.*name="_csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "_csrf=$form" --data-urlencode "email=$2" \
    --data-urlencode "password=$3" "http://127.0.0.1:$1/signin"
  echo "rapport_session=$(awk '$6 == "rapport_session" { print $7 }' "$jar")"
}
# serve_bench NAME DB-URL: starts `rapport serve` on a random loopback port and waits for
# it to answer; sets port and pid. Its log is $WORK/serve-NAME.log.
serve_bench() {
  port=18$((RANDOM % 900 + 100))
  "$BIN" serve --database "$2" --port "$port" > "$WORK/serve-$1.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.01; done
}
# wrk_line FILE: throughput, median and 99th percentile from one wrk --latency report.
wrk_line() {
  awk '/Requests\/sec/ { rps=$2 } /^ +50%/ { p50=$2 } /^ +99%/ { p99=$2 } /Non-2xx/ { bad=$NF }
       END { printf "%s req/s, p50 %s, p99 %s%s\n", rps, p50, p99, (bad ? ", non-2xx " bad : "") }' "$1"
}
