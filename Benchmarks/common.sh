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
