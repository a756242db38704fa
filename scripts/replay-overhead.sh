#!/usr/bin/env bash
# Per-operation cost plain, recorded and replayed, each captured operation in whole JVMs (OpsLoop): for
# each mode, a run of N operations and a run of none are timed, and the difference divided by N is the
# cost of one operation in that mode. JMH cannot fork a replaying JVM (its forks talk to the JMH host
# over a socket, which a replay would not), hence whole runs; the JMH suite has the plain and recording
# forks. Recording uses the default (threads=serial) unless AGENT_OPTIONS says otherwise.
# Run after `mvn -q package -DskipTests`. Usage: scripts/replay-overhead.sh [scale] (default 1: N as below);
# OPS="fileRead:60000:,buffer-mb=1024" runs only the operations named.
set -euo pipefail
SCALE=${1:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAVA=${JAVA:-java}
CP="$ROOT/examples/target/classes"
RECORDER="$ROOT/recorder/target/airlock-recorder.jar"
REPLAYER="$ROOT/replayer/target/airlock.jar"
OPTIONS=${AGENT_OPTIONS:-}
EXTRA=
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ms() { local s; s=$(date +%s%N); "$@" > /dev/null; echo $(( ($(date +%s%N) - s) / 1000000 )); }

run() { # mode op n -> ms
  local mode=$1 op=$2 n=$3 dir="$TMP/$2-$3"
  case $mode in
    plain) ms "$JAVA" -cp "$CP" dev.airlock.examples.OpsLoop "$op" "$n" ;;
    record) rm -rf "$dir"; ms "$JAVA" -javaagent:"$RECORDER=journal=$dir$OPTIONS$EXTRA" -cp "$CP" dev.airlock.examples.OpsLoop "$op" "$n" ;;
    replay) ms "$JAVA" -javaagent:"$REPLAYER=replay=$dir,result=$dir.result" -cp "$CP" dev.airlock.examples.OpsLoop "$op" "$n" ;;
  esac
}

printf '%-16s %10s %12s %12s %12s  %s\n' operation N "plain ns/op" "recorded" "replayed" "replay status"
ALL="nanoTime:20000000 currentTimeMillis:20000000 instant:5000000 random:20000000 uuid:2000000 getenv:5000000
  fileRead:60000:,buffer-mb=1024 socketRead:50000 monitor:20000000 reentrantLock:20000000 atomic:20000000
  threadStartJoin:5000"
for entry in ${OPS:-$ALL}; do
  # op:N[:extra agent options]; 60000 file reads of 4 KiB outrun the journal writer, hence the buffer
  IFS=: read -r op count EXTRA <<< "$entry"
  n=$(( count * SCALE ))
  line="$op $n"
  for mode in plain record replay; do
    full=$(run "$mode" "$op" "$n")
    none=$(run "$mode" "$op" 0)
    line="$line $(echo "scale=1; ($full - $none) * 1000000 / $n" | bc)"
  done
  status=$(grep -o 'status=.*' "$TMP/$op-$n.result" || echo "status=?")
  # shellcheck disable=SC2086
  printf '%-16s %10s %12s %12s %12s  %s\n' $line "$status"
done
