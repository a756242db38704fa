#!/usr/bin/env bash
# Wall time of each program of the racy corpus: plain, recorded with threads=free, recorded with
# threads=serial and replayed, recorded with threads=ordered and replayed, as the median of N runs each
# (default 5). Whole JVMs, start-up included (the agent's start-up, about a second, dominates these
# short programs).
# Usage: scripts/thread-overhead.sh [N]   (after `mvn -q package -DskipTests`);
# PROGRAMS="dev.airlock.examples.LockHeavy" times other programs (full class names) instead, and
# ARGS="2000000" passes them arguments.
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

printf '%-20s %8s %8s %9s %9s %10s %10s\n' program plain-ms free-ms serial-ms s-replay ordered-ms o-replay
CORPUS=""
for p in RacyCounter CheckThenAct BankTransfers QueueConsumers ExecutorIds MapWhileWritten ParallelSideEffects \
         FutureChain PingPong LockOrder IdentityOrder SharedLog StopFlag; do
  CORPUS="$CORPUS dev.airlock.examples.races.$p"
done
for main in ${PROGRAMS:-$CORPUS}; do
  p=${main##*.}
  # shellcheck disable=SC2086
  plain=$(for i in $(seq "$N"); do millis "$JAVA" -cp "$CP" "$main" ${ARGS:-}; done | median)
  # shellcheck disable=SC2086
  free=$(for i in $(seq "$N"); do rm -rf "$TMP/f"; millis "$JAVA" -javaagent:"$AGENT=journal=$TMP/f,threads=free" -cp "$CP" "$main" ${ARGS:-}; done | median)
  # shellcheck disable=SC2086
  rec=$(for i in $(seq "$N"); do rm -rf "$TMP/j"; millis "$JAVA" -javaagent:"$AGENT=journal=$TMP/j,threads=serial" -cp "$CP" "$main" ${ARGS:-}; done | median)
  # shellcheck disable=SC2086
  rep=$(for i in $(seq "$N"); do millis "$JAVA" -javaagent:"$REPLAY=replay=$TMP/j,result=$TMP/r" -cp "$CP" "$main" ${ARGS:-}; done | median)
  # shellcheck disable=SC2086
  ord=$(for i in $(seq "$N"); do rm -rf "$TMP/o"; millis "$JAVA" -javaagent:"$AGENT=journal=$TMP/o,threads=ordered" -cp "$CP" "$main" ${ARGS:-}; done | median)
  # shellcheck disable=SC2086
  orep=$(for i in $(seq "$N"); do millis "$JAVA" -javaagent:"$REPLAY=replay=$TMP/o,result=$TMP/r" -cp "$CP" "$main" ${ARGS:-}; done | median)
  awk -v p="$p" -v a="$plain" -v f="$free" -v b="$rec" -v c="$rep" -v o="$ord" -v q="$orep" \
    'BEGIN {printf "%-20s %8d %8d %9d %9d %10d %10d\n", p, a, f, b, c, o, q}'
done
