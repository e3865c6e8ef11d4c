#!/usr/bin/env bash
# Attachments on SQLite: uploading files of 1 MiB and 25 MiB as raw bodies (streamed to a
# temporary file, hashed, sniffed, flushed and renamed into place) and downloading them, each
# with five different files so no upload is a deduplicated one. The baseline, in the same
# run on the same disk, is `dd … conv=fsync` writing the same bytes: what storing a file
# costs at the least. Prints medians of curl's total time and the rate they make. Needs
# curl; loopback only, each run ends by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/common.sh

DB="$WORK/attach.db"
rm -rf "$DB" "$DB"-* "$DB.files" "$WORK/attach-src"
mkdir -p "$WORK/attach-src"
URL="sqlite:$DB"
token=$("$BIN" token create --name bench --database "$URL" 2>/dev/null | tail -1)
serve_bench attachments "$URL"
auth="Authorization: Bearer $token"
person=$(curl -s -H "$auth" -H 'content-type: application/json' -d '{"display_name":"첨부 벤치"}' "http://127.0.0.1:$port/api/v1/people" | sed 's/.*"id":"\([^"]*\)".*/\1/')
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for mib in 1 25; do
  for i in 1 2 3 4 5; do head -c $((mib << 20)) /dev/urandom > "$WORK/attach-src/f$mib-$i.bin"; done
  floor=$(for i in 1 2 3 4 5; do
    s=$(date +%s%N); dd if="$WORK/attach-src/f$mib-$i.bin" of="$WORK/attach-src/floor.bin" bs=1M conv=fsync status=none; e=$(date +%s%N)
    echo "scale=4; ($e - $s) / 1000000000" | bc; done | median)
  up=$(for i in 1 2 3 4 5; do
    curl -s -o /dev/null -w '%{time_total}\n' -H "$auth" -H 'content-type: application/octet-stream' \
      --data-binary "@$WORK/attach-src/f$mib-$i.bin" "http://127.0.0.1:$port/api/v1/people/$person/attachments?name=f$mib-$i.bin"; done | median)
  ids=$(curl -s -H "$auth" "http://127.0.0.1:$port/api/v1/people/$person/attachments" | grep -o '"id":"[^"]*","record_type":"people","record_id":"[^"]*","file_name":"f'$mib'-[0-9].bin"' | sed 's/"id":"\([^"]*\)".*/\1/')
  down=$(for id in $ids; do curl -s -o /dev/null -w '%{time_total}\n' -H "$auth" "http://127.0.0.1:$port/api/v1/attachments/$id/content"; done | median)
  rate() { echo "scale=1; $mib / $1" | bc; }
  printf '%s MiB: dd+fsync floor %ss (%s MiB/s), upload %ss (%s MiB/s), download %ss (%s MiB/s)\n' \
    "$mib" "$floor" "$(rate "$floor")" "$up" "$(rate "$up")" "$down" "$(rate "$down")"
done
echo "blobs stored: $(find "$DB.files" -type f -not -path "$DB.files/tmp/*" | wc -l), peak RSS $(awk '/VmHWM/ { print $2 " " $3 }' /proc/$pid/status)"
kill "$pid"; wait "$pid" 2>/dev/null || true
