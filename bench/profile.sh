#!/usr/bin/env bash
# Where Gatehouse spends its time under load: runs the upstream and one Gatehouse contender pinned
# as in run.sh, profiles it during a wrk run and prints the hottest frames. `vertx` profiles the
# bare Vert.x proxy contender the same way: Gatehouse's HTTP stack without Gatehouse, to compare with.
#   ./bench/profile.sh [SECONDS] [json|stream] [routing|full|vertx]
# With ASYNC_PROFILER=/path/to/libasyncProfiler.so (async-profiler 4.x, on Maven Central as
# tools.profiler:async-profiler) it writes a flame graph to bench/.cache/profile-CONTENDER.html and
# collapsed stacks beside it; otherwise a JFR recording (bench/.cache/profile.jfr) and JFR's views.
# PROFILE_EVENT picks async-profiler's event: itimer (CPU time, the default) or alloc (bytes allocated,
# written to profile-CONTENDER-alloc.*).
# Either way it prints what the garbage collector saw during the profiled run (from -Xlog:gc): young
# collections, bytes allocated per request, and the collections' pauses. With async-profiler it also
# prints the samples by thread (event loop, recorders, H2's writer, compilers, collector), with the
# CPU time each thread spends per request served.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
CACHE="$BENCH/.cache"
SECS=${1:-20}
KIND=${2:-json}
WHICH=${3:-routing}
. "$BENCH/lib/common.sh"
. "$BENCH/lib/contenders.sh"
. "$BENCH/lib/build.sh"
case $WHICH in routing|full|vertx) ;; *) die "contender: routing, full or vertx (not '$WHICH')" ;; esac
WORK=$(mktemp -d /tmp/gatehouse-profile.XXXXXX)
trap 'stop_all; rm -rf "$WORK"' EXIT
PORT_UPSTREAM=${BENCH_PORT_BASE:-18700}; PORT_GH_ROUTING=$((PORT_UPSTREAM + 1)); PORT_GH_FULL=$((PORT_UPSTREAM + 2)); PORT_VERTX=$((PORT_UPSTREAM + 3))
GATEHOUSE_KEY=sk-gatehouse-bench-0123456789
CPU_LOAD=0; CPU_CONTENDER=1
mkdir -p "$CACHE"
build  # the jar rebuilt when its sources are newer: a profile of a stale build measures nothing
start_upstream
timeouts="{connect_ms: 2000, first_byte_ms: 30000, idle_ms: 30000, total_ms: 60000}"
case $WHICH in
  routing) NAME=gatehouse-routing; PORT=$PORT_GH_ROUTING; gatehouse_config "$WORK/gh.yaml" "$PORT_UPSTREAM" "$timeouts" "${ROUTING_CONTROLS[@]}" ;;
  full) NAME=gatehouse-full; PORT=$PORT_GH_FULL; gatehouse_config "$WORK/gh.yaml" "$PORT_UPSTREAM" "$timeouts" "${FULL_CONTROLS[@]}" ;;
  vertx) NAME=vertx-proxy ;;
esac
GCLOG=$WORK/gc.log
GATEHOUSE_JAVA_OPTS="${GATEHOUSE_JAVA_OPTS:-} -XX:+FlightRecorder -Xlog:gc:file=$GCLOG"
if [ "$NAME" = vertx-proxy ]; then start_vertx_proxy; else start_gatehouse "$NAME" "$PORT" "$WORK/gh.yaml"; fi
PID_VAR="PID_${NAME//-/_}"; PID=${!PID_VAR}
contender_call "$NAME" "$KIND"
warm() { BENCH_BODY=$CALL_BODY BENCH_HEADERS="${CALL_HEADERS[*]}" taskset -c "$CPU_LOAD" wrk -t1 -c64 -d"$1s" -s "$BENCH/wrk-post.lua" "$CALL_URL" | grep '^BENCH'; }
# measured: the wrk run being profiled, then the young collections logged during it. Serial and
# parallel log "Pause Young (...) BEFOREM->AFTERM(HEAPM) PAUSEms": what was allocated between two
# collections is this one's BEFORE minus the last one's AFTER.
MEASURED_REQUESTS=0 MEASURED_CPU_US=0
measured() {
  local from line cpu0
  from=$(wc -l <"$GCLOG")
  cpu0=$(cpu_us)
  line=$(warm "$SECS"); echo "$line"
  MEASURED_CPU_US=$(awk -v a="$cpu0" -v b="$(cpu_us)" 'BEGIN { print b - a }')
  MEASURED_REQUESTS=$(kv requests "${line#BENCH }")
  tail -n +"$((from + 1))" "$GCLOG" | grep 'Pause Young' | sed -E 's/.* ([0-9]+)M->([0-9]+)M\([0-9]+M\) ([0-9.]+)ms$/\1 \2 \3/' |
    awk -v req="$MEASURED_REQUESTS" '
      NR > 1 { mb += $1 - after } { after = $2; n++; sum += $3; if ($3 > max) max = $3 }
      END { if (n < 2) { print "GC: fewer than two young collections during the run"; exit }
            printf "GC: %d young collections, %.0f MB allocated between them, %.1f KB per request; pauses avg %.1f ms, max %.1f ms\n", n, mb, mb * 1024 / req, sum / n, max }'
}
# by_thread FILE: the samples of a collapsed profile (recorded with `threads`) by thread, a pool's
# number dropped so that it counts once; for CPU samples also each thread's CPU time per request
# served (its share of the process's CPU time during the run, from /proc), which shows what each
# recorder costs a request.
by_thread() {
  local cpu=0
  [ "${PROFILE_EVENT:-itimer}" = itimer ] && cpu=1
  if [ "$cpu" = 1 ]; then echo "by thread (CPU samples, and CPU time per request served):"; else echo "by thread (bytes allocated):"; fi
  awk -v req="$MEASURED_REQUESTS" -v cpu="$cpu" -v cpu_us="$MEASURED_CPU_US" '
    { n = $NF; total += n
      t = substr($0, 1, index($0, ";") - 1); sub(/^\[/, "", t); sub(/ tid=[0-9]+\]$/, "", t); sub(/-?[0-9]+$/, "", t)
      by[t] += n }
    END { for (t in by) if (cpu && req > 0) printf "  %6.2f %%  %6.2f us  %s\n", 100 * by[t] / total, cpu_us * by[t] / total / req, t
                        else printf "  %6.2f %%  %s\n", 100 * by[t] / total, t }' "$1" | sort -rn | head -15
}
# cpu_us: the contender's user and system CPU time so far, in microseconds
cpu_us() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000000 / hz }' "/proc/$PID/stat"; }
WARM_S=${WARM_S:-30}; log "warm-up $WARM_S s"; warm "$WARM_S"
if [ -n "${ASYNC_PROFILER:-}" ]; then
  # jcmd reads KEY=VALUE as a named argument: the profiler's options go in quotes
  profiler() { "$JAVA_HOME/bin/jcmd" "$PID" JVMTI.agent_load "$ASYNC_PROFILER" "\"$1\"" >/dev/null; }
  case ${PROFILE_EVENT:-itimer} in
    itimer) event="event=itimer,interval=500us"; out=$CACHE/profile-$WHICH ;;
    alloc) event="event=alloc"; out=$CACHE/profile-$WHICH-alloc ;;
    *) die "PROFILE_EVENT: itimer or alloc" ;;
  esac
  profiler "start,$event,threads"
  log "profiling ${SECS} s of wrk load ($KIND, $NAME, ${PROFILE_EVENT:-itimer})"; measured
  profiler "stop,file=$out.collapsed,collapsed"
  profiler "dump,file=$out.html"
  log "flame graph: $out.html"
  by_thread "$out.collapsed"
else
  "$JAVA_HOME/bin/jcmd" "$PID" JFR.start name=bench settings=profile filename="$CACHE/profile.jfr" >/dev/null
  log "profiling ${SECS} s of wrk load ($KIND, $NAME)"; measured
  "$JAVA_HOME/bin/jcmd" "$PID" JFR.stop name=bench >/dev/null
  for view in hot-methods allocation-by-class gc-pauses; do
    "$JAVA_HOME/bin/jfr" view --width 160 "$view" "$CACHE/profile.jfr" | head -40
  done
fi
