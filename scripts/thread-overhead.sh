#!/usr/bin/env bash
# Wall time of each program of the racy corpus: plain, recorded with threads=free, recorded with
# threads=serial, and replayed (serial), as the median of N runs each (default 5); the last column is
# what serial scheduling adds to a recording. Whole JVMs, start-up included (the agent's start-up,
# about a second, dominates these short programs).
# Usage: scripts/thread-overhead.sh [N]   (after `mvn -q package -DskipTests`);
# PROGRAMS="dev.airlock.examples.LockHeavy" times other programs (full class names) instead.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5}
CP=examples/target/airlock-examples.jar
AGENT=recorder/target/airlock-recorder.jar
REPLAY=replayer/target/airlock.jar
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

millis() { local s; s=$(date +%s%N); "$@" > /dev/null 2>&1 || true; echo $(( ($(date +%s%N) - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '%-20s %8s %8s %8s %8s %9s\n' program plain-ms free-ms serial-ms replay-ms serial-free
CORPUS=""
for p in RacyCounter CheckThenAct BankTransfers QueueConsumers ExecutorIds MapWhileWritten ParallelSideEffects \
         FutureChain PingPong LockOrder IdentityOrder; do
  CORPUS="$CORPUS dev.airlock.examples.races.$p"
done
for main in ${PROGRAMS:-$CORPUS}; do
  p=${main##*.}
  plain=$(for i in $(seq "$N"); do millis "$JAVA" -cp "$CP" "$main"; done | median)
  free=$(for i in $(seq "$N"); do rm -rf "$TMP/f"; millis "$JAVA" -javaagent:"$AGENT=journal=$TMP/f,threads=free" -cp "$CP" "$main"; done | median)
  rec=$(for i in $(seq "$N"); do rm -rf "$TMP/j"; millis "$JAVA" -javaagent:"$AGENT=journal=$TMP/j,threads=serial" -cp "$CP" "$main"; done | median)
  rep=$(for i in $(seq "$N"); do millis "$JAVA" -javaagent:"$REPLAY=replay=$TMP/j,result=$TMP/r" -cp "$CP" "$main"; done | median)
  awk -v p="$p" -v a="$plain" -v f="$free" -v b="$rec" -v c="$rep" \
    'BEGIN {printf "%-20s %8d %8d %8d %8d %+8dms\n", p, a, f, b, c, b - f}'
done
