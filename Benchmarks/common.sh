# Shared by the benchmark scripts: settings from the environment, a release build, a clock.
N=${N:-1000000}
DURATION=${DURATION:-10}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
WORK=${WORK:-bench-data}
mkdir -p "$WORK"
swift build -c release >/dev/null
BIN=$(swift build -c release --show-bin-path)/rapport
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
