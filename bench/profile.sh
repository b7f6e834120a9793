#!/usr/bin/env bash
# Where Gatehouse spends its time under load: runs the upstream and Gatehouse (routing only) pinned
# as in run.sh, records a JFR profile during a wrk run, and prints JFR's hot-method, allocation and
# GC views. Writes the recording to bench/.cache/profile.jfr.
#   ./bench/profile.sh [SECONDS] [json|stream]
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
CACHE="$BENCH/.cache"
SECS=${1:-20}
KIND=${2:-json}
. "$BENCH/lib/common.sh"
. "$BENCH/lib/contenders.sh"
WORK=$(mktemp -d /tmp/gatehouse-profile.XXXXXX)
trap 'stop_all; rm -rf "$WORK"' EXIT
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PORT_UPSTREAM=${BENCH_PORT_BASE:-18700}; PORT_GH_ROUTING=$((PORT_UPSTREAM + 1))
GATEHOUSE_KEY=sk-gatehouse-bench-0123456789
CPU_LOAD=0; CPU_CONTENDER=1
[ -f "$ROOT/target/gatehouse.jar" ] || (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
start_upstream
gatehouse_config "$WORK/gh.yaml" "$PORT_UPSTREAM" "{connect_ms: 2000, first_byte_ms: 30000, idle_ms: 30000, total_ms: 60000}"
GATEHOUSE_JAVA_OPTS="${GATEHOUSE_JAVA_OPTS:-} -XX:+FlightRecorder" start_gatehouse gatehouse-routing "$PORT_GH_ROUTING" "$WORK/gh.yaml"
contender_call gatehouse-routing "$KIND"
IFS='|' read -r -a _ <<<""
warm() { BENCH_BODY=$CALL_BODY BENCH_HEADERS="${CALL_HEADERS[*]}" taskset -c "$CPU_LOAD" wrk -t1 -c64 -d"$1s" -s "$BENCH/wrk-post.lua" "$CALL_URL" | grep '^BENCH'; }
log "warm-up 10 s"; warm 10
"$JAVA_HOME/bin/jcmd" "$PID_gatehouse_routing" JFR.start name=bench settings=profile filename="$CACHE/profile.jfr" >/dev/null
log "profiling ${SECS} s of wrk load ($KIND)"; warm "$SECS"
"$JAVA_HOME/bin/jcmd" "$PID_gatehouse_routing" JFR.stop name=bench >/dev/null
for view in hot-methods allocation-by-class gc-pauses; do
  "$JAVA_HOME/bin/jfr" view --width 160 "$view" "$CACHE/profile.jfr" | head -40
done
