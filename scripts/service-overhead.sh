#!/usr/bin/env bash
# Whole-program overhead on the examples' HTTP service (NioHttpService, com.sun.net.httpserver) under a
# fixed load from a client process (HttpLoad: N POSTs of random payloads, 32 in flight): the client's wall
# time and the requests per second plain, recorded with threads=free and with threads=serial (the
# default), the journal's size and MB per minute of service, and the replay of the serial recording
# (the service alone, no client). Run after `mvn -q package -DskipTests`.
# Usage: scripts/service-overhead.sh [requests] (default 1000) [rounds] (default 3; the median is shown)
#        [in flight] (default 32 concurrent requests)
set -euo pipefail
N=${1:-1000}
ROUNDS=${2:-3}
BATCH=${3:-32}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAVA=${JAVA:-java}
CP="$ROOT/examples/target/classes"
RECORDER="$ROOT/recorder/target/airlock-recorder.jar"
REPLAYER="$ROOT/replayer/target/airlock.jar"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# One round: starts the service with the given agent flag ("" for none), loads it, prints the client's ms.
round() {
  local agent=$1 out="$TMP/service.out"
  rm -f "$out"
  # shellcheck disable=SC2086
  "$JAVA" $agent -cp "$CP" dev.airlock.examples.NioHttpService "$N" > "$out" &
  local service=$!
  local port=""
  for _ in $(seq 200); do
    port=$(sed -n 's/^listening on //p' "$out" 2>/dev/null | head -1)
    [ -n "$port" ] && break
    sleep 0.05
  done
  local start; start=$(now)
  "$JAVA" -cp "$CP" dev.airlock.examples.HttpLoad "$port" "$N" "$BATCH" > /dev/null
  local end; end=$(now)
  wait "$service"
  echo $(( (end - start) / 1000000 ))
}

report() {
  local name=$1 ms=$2
  printf '%-16s %6d ms for %d requests, %7.0f requests/s\n' "$name" "$ms" "$N" "$(echo "$N * 1000 / $ms" | bc -l)"
}

plain=$(for r in $(seq "$ROUNDS"); do round ""; done | median)
report plain "$plain"
free=$(for r in $(seq "$ROUNDS"); do rm -rf "$TMP/free"; round "-javaagent:$RECORDER=journal=$TMP/free,threads=free"; done | median)
report "recorded free" "$free"
serial=$(for r in $(seq "$ROUNDS"); do rm -rf "$TMP/serial"; round "-javaagent:$RECORDER=journal=$TMP/serial"; done | median)
report "recorded serial" "$serial"
printf 'ratios: free %.2f, serial %.2f of plain throughput\n' "$(echo "$plain / $free" | bc -l)" "$(echo "$plain / $serial" | bc -l)"

bytes=$(sed -n 's/.*recording sealed: [0-9]* events, \([0-9]*\) bytes.*/\1/p' "$TMP/serial/airlock.log")
events=$(sed -n 's/.*recording sealed: \([0-9]*\) events.*/\1/p' "$TMP/serial/airlock.log")
printf 'serial journal: %d events, %.1f MB, %.0f bytes per request, %.0f MB per minute of this load\n' "$events" \
  "$(echo "$bytes / 1000000" | bc -l)" "$(echo "$bytes / $N" | bc -l)" "$(echo "$bytes / 1000000 * 60000 / $serial" | bc -l)"

start=$(now)
"$JAVA" -javaagent:"$REPLAYER=replay=$TMP/serial,result=$TMP/result" -cp "$CP" dev.airlock.examples.NioHttpService "$N" > /dev/null
end=$(now)
echo "replay of the serial recording (no client): $(( (end - start) / 1000000 )) ms, $(grep -o 'status=.*' "$TMP/result")"
