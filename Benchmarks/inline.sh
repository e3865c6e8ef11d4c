#!/usr/bin/env bash
# The people list and a person's page on the demo data (300 people), one connection, 10 s
# each, with the constant-JSON baseline in the same run. Compares two builds of the pages
# (BIN=path/to/rapport, default this checkout's debug build) on a busy machine, where only
# figures taken side by side mean anything. Usage: Benchmarks/inline.sh LABEL
# Loopback ports 18642-18643; every process it starts ends with it.
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-$(swift build --show-bin-path)/rapport}
DB=${TMPDIR:-/tmp}/inline-bench.db; rm -f $DB*
timeout 300 $BIN serve --demo --port 18642 --database sqlite:$DB > ${TMPDIR:-/tmp}/inline-bench-serve.log 2>&1 &
spid=$!
timeout 200 $BIN bench constant --port 18643 > /dev/null 2>&1 &
cpid=$!
until curl -sf http://127.0.0.1:18642/healthz >/dev/null; do sleep 0.2; done
pw=$(sed -n 's/.*with the password \([A-Za-z0-9]*\).*/\1/p' ${TMPDIR:-/tmp}/inline-bench-serve.log)
jar=${TMPDIR:-/tmp}/inline-bench.jar; rm -f $jar
form=$(curl -s -c $jar http://127.0.0.1:18642/signin | sed -n 's/.*name="_csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
curl -s -o /dev/null -b $jar -c $jar --data-urlencode "_csrf=$form" --data-urlencode "email=admin@example.com" --data-urlencode "password=$pw" http://127.0.0.1:18642/signin
cookie="rapport_session=$(awk '$6 == "rapport_session" { print $7 }' $jar)"
person=$(curl -s -H "Cookie: $cookie" http://127.0.0.1:18642/people | grep -o 'href="/people/[0-9a-f-]*"' | head -1 | sed 's/href="//;s/"//')
echo "$1: list page $(curl -s -H "Cookie: $cookie" http://127.0.0.1:18642/people | wc -c) bytes, person page $(curl -s -H "Cookie: $cookie" http://127.0.0.1:18642$person | wc -c) bytes"
line() { awk '/Requests\/sec/ { rps=$2 } /^ +50%/ { p50=$2 } /^ +99%/ { p99=$2 } END { printf "%s req/s, p50 %s, p99 %s\n", rps, p50, p99 }'; }
until curl -sf http://127.0.0.1:18643/constant >/dev/null; do sleep 0.2; done
echo "constant: $(wrk -t1 -c1 -d10s --latency http://127.0.0.1:18643/constant | line)"
echo "list /people: $(COOKIE="$cookie" PATHS=/people wrk -t1 -c1 -d10s --latency -s Benchmarks/get_path.lua http://127.0.0.1:18642 | line)"
echo "person page: $(COOKIE="$cookie" PATHS=$person wrk -t1 -c1 -d10s --latency -s Benchmarks/get_path.lua http://127.0.0.1:18642 | line)"
kill $spid $cpid; wait 2>/dev/null || true
