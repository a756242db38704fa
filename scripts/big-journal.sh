#!/usr/bin/env bash
# A journal of 50 million events (LongRunner: one System.nanoTime() per iteration), recorded in the
# default serial mode and in free mode, then replayed with a 256 MiB heap and with a 64 MiB one. Prints
# wall times, the journal's size and the replay's largest heap after a collection (from -Xlog:gc).
# Run after `mvn -q package -DskipTests`. Usage: scripts/big-journal.sh [iterations] (default 50000000)
set -euo pipefail
N=${1:-50000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAVA=${JAVA:-java}
CP="$ROOT/examples/target/classes"
RECORDER="$ROOT/recorder/target/airlock-recorder.jar"
REPLAYER="$ROOT/replayer/target/airlock.jar"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

seconds() { local s; s=$(date +%s%N); "$@" > /dev/null; echo "scale=2; ($(date +%s%N) - $s) / 1000000000" | bc; }

echo "iterations: $N"
echo "plain:            $(seconds "$JAVA" -cp "$CP" dev.airlock.examples.LongRunner "$N" "$N") s"
echo "recorded free:    $(seconds "$JAVA" -javaagent:"$RECORDER=journal=$TMP/free,threads=free" -cp "$CP" dev.airlock.examples.LongRunner "$N" "$N") s"
echo "recorded serial:  $(seconds "$JAVA" -javaagent:"$RECORDER=journal=$TMP/j" -cp "$CP" dev.airlock.examples.LongRunner "$N" "$N") s"
grep -o "recording sealed: .*" "$TMP/j/airlock.log"
echo "journal on disk:  $(du -sh "$TMP/j" | cut -f1)"
for heap in 256m 64m; do
  t=$(seconds "$JAVA" -Xmx$heap -Xlog:gc:file="$TMP/gc-$heap.log" \
    -javaagent:"$REPLAYER=replay=$TMP/j,result=$TMP/result-$heap" -cp "$CP" dev.airlock.examples.LongRunner "$N" "$N")
  live=$(grep -oE "[0-9]+M->[0-9]+M" "$TMP/gc-$heap.log" | sed 's/.*->//; s/M//' | sort -n | tail -1)
  echo "replay -Xmx$heap:  $t s, $(grep -o 'status=.*' "$TMP/result-$heap"), largest heap after a GC ${live:-0} MB"
done
