#!/usr/bin/env bash
# Gatehouse benchmark harness: Gatehouse against direct access, a bare nginx proxy hop, a bare Vert.x
# proxy (Gatehouse's HTTP stack without Gatehouse) and the Portkey AI Gateway, all on this machine,
# all on 127.0.0.1. Gatehouse runs three ways: routing only, every control on its embedded store
# (H2), and every control over PostgreSQL (Debian's server, a throwaway cluster on the contender's core).
#
#   ./bench/run.sh            full run (about 36 minutes); writes docs/benchmarks/
#   ./bench/run.sh --quick    shorter and fewer runs (under 3 minutes once built; without gatehouse-full-pg); writes docs/benchmarks/
#   ./bench/run.sh --smoke    seconds per contender, one rate: checks the harness works; writes --out or a temp dir
#   ./bench/run.sh --soak [SECONDS]  Gatehouse with every control at a fixed rate (default 600 s at
#                             2,000 req/s, env SOAK_RATE): heap after GC and RSS every 30 s; writes soak.md
#   options: --out DIR (where the report, results and charts go)
#   env: BENCH_PORT_BASE (default 18000), GATEHOUSE_JAVA_OPTS, BENCH_KEEP_WORK=1 (keep the contenders' logs and stores), BENCH_STORE_URL (a store for the Gatehouse
#        contenders that otherwise use embedded H2 beside their config, e.g. a PostgreSQL jdbc URL), BENCH_GATEHOUSE_CP (run Gatehouse from this
#        classpath instead of target/gatehouse.jar; the harness test uses its own; the vertx-proxy contender runs on it too)
#
# Needs nginx, wrk, gnuplot, node/npm, curl, taskset, PostgreSQL's server (installed with apt-get when missing and root).
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
CACHE="$BENCH/.cache"
COMMAND="./bench/run.sh $*"
MODE=full
OUT=""
while [ $# -gt 0 ]; do
  case $1 in
    --quick) MODE=quick ;;
    --smoke) MODE=smoke ;;
    --soak) MODE=soak; if [[ ${2:-} =~ ^[0-9]+$ ]]; then SOAK_S=$2; shift; fi ;;
    --out) OUT=$2; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "bench: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

# shellcheck source=lib/common.sh
. "$BENCH/lib/common.sh"
# shellcheck source=lib/contenders.sh
. "$BENCH/lib/contenders.sh"
# shellcheck source=lib/postgres.sh
. "$BENCH/lib/postgres.sh"

CONTENDERS=(direct nginx vertx-proxy portkey gatehouse-routing gatehouse-full gatehouse-full-pg)
# the quick run (before and after a change to the request path, under 3 minutes) leaves out the
# PostgreSQL variant: the same request path over another store; the full and smoke runs have it.
# Its fixed-rate and stream runs have 1 s unrecorded each (it took 170-181 s with 2)
[ "$MODE" = quick ] && CONTENDERS=(direct nginx vertx-proxy portkey gatehouse-routing gatehouse-full)
with_postgres() { [[ " ${CONTENDERS[*]} " == *" gatehouse-full-pg "* ]]; }
case $MODE in
  # a JVM on one core needs some 20 s of load before its JIT has compiled the request path
  full)  WARMUP_S=25; WARMUP_MAX_S=240; WRK_S=15; WRK_ROUNDS=3; RATES=(500 2000 5000); RATE_S=10; RATE_ROUNDS=3; RATE_WARM_S=5; STREAM_RATE=500; STREAM_S=10; STREAM_ROUNDS=3; IDLE_STREAMS=10000 ;;
  quick) WARMUP_S=10; WARMUP_MAX_S=10; WRK_S=3;  WRK_ROUNDS=1; RATES=(5000);          RATE_S=3;  RATE_ROUNDS=1; RATE_WARM_S=1; STREAM_RATE=500; STREAM_S=2;  STREAM_ROUNDS=1; IDLE_STREAMS=1000 ;;
  smoke) WARMUP_S=0;  WARMUP_MAX_S=0; WRK_S=1;  WRK_ROUNDS=1; RATES=(200);           RATE_S=1;  RATE_ROUNDS=1; RATE_WARM_S=0.5; STREAM_RATE=100; STREAM_S=1; STREAM_ROUNDS=2; IDLE_STREAMS=50 ;;
  soak)  WARMUP_S=25; WARMUP_MAX_S=120; RATE_WARM_S=5; SOAK_S=${SOAK_S:-600}; SOAK_RATE=${SOAK_RATE:-2000}; SOAK_SLICE_S=30 ;;
esac
connections_for() { case $1 in 500) echo 64 ;; 2000) echo 256 ;; 5000) echo 1000 ;; *) echo 64 ;; esac; }
WRK_CONNECTIONS=64

if [ -z "$OUT" ]; then
  if [ "$MODE" = smoke ]; then OUT=$(mktemp -d /tmp/gatehouse-bench-smoke.XXXXXX); else OUT=$ROOT/docs/benchmarks; fi
fi
[ "$MODE" = soak ] && RESULTS_NAME=soak-results.tsv || RESULTS_NAME=results.tsv
mkdir -p "$OUT" "$CACHE"
WORK=$(mktemp -d /tmp/gatehouse-bench.XXXXXX)
RESULTS=$OUT/$RESULTS_NAME
META=$OUT/meta.env
: >"$RESULTS"

PORT_BASE=${BENCH_PORT_BASE:-18000}
PORT_UPSTREAM=$((PORT_BASE + 1)); PORT_NGINX=$((PORT_BASE + 2)); PORT_PORTKEY=$((PORT_BASE + 3))
PORT_GH_ROUTING=$((PORT_BASE + 4)); PORT_GH_FULL=$((PORT_BASE + 5)); PORT_GH_IDLE=$((PORT_BASE + 6))
PORT_GH_FULL_PG=$((PORT_BASE + 7)); PORT_POSTGRES=$((PORT_BASE + 8)); PORT_VERTX=$((PORT_BASE + 9))
PORT_IDLE_UPSTREAM=$((PORT_BASE + 100)); IDLE_UPSTREAM_PORTS=25
GATEHOUSE_KEY=sk-gatehouse-bench-0123456789

# CPU pinning: the contender alone on one core, the load generator and the upstream on the other.
if [ "$(nproc)" -ge 2 ]; then CPU_LOAD=0; CPU_CONTENDER=1; else CPU_LOAD=0; CPU_CONTENDER=0; fi

# BENCH_KEEP_WORK=1 keeps the contenders' logs, configs and stores (in $WORK) for a post-mortem
trap 'stop_all; stop_postgres; if [ -n "${BENCH_KEEP_WORK:-}" ]; then echo "bench: kept $WORK" >&2; else rm -rf "$WORK"; fi' EXIT
trap 'exit 130' INT TERM

# ---- prerequisites ------------------------------------------------------------------------------
ensure_tools() {
  local missing=() t pkg
  for t in nginx:nginx wrk:wrk gnuplot:gnuplot-nox node:nodejs npm:npm curl:curl taskset:util-linux ss:iproute2; do
    command -v "${t%%:*}" >/dev/null 2>&1 || missing+=("${t#*:}")
  done
  [ "$MODE" = soak ] || ! with_postgres || pg_bin >/dev/null || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      log "installing ${missing[*]} with apt-get"
      # a package script that starts its service can fail in a container without an init system while
      # the programs are installed: the checks below decide
      (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}") >&2 \
        || log "apt-get install ${missing[*]} reported an error; checking whether the programs are there"
    else
      die "missing tools: ${missing[*]} (apt-get install -y ${missing[*]})"
    fi
  fi
  for pkg in nginx wrk gnuplot node npm; do command -v "$pkg" >/dev/null || die "$pkg is still missing"; done
  [ "$MODE" = soak ] || ! with_postgres || pg_bin >/dev/null || die "PostgreSQL's server is still missing"
}

# shellcheck source=lib/build.sh
. "$BENCH/lib/build.sh"
# smoke runs are too short for the JIT's top tier to pay for itself; start-up time dominates there
# (nor a 1.5 GB heap touched in advance: the smoke run checks the harness, not the generator's noise)
[ "$MODE" = smoke ] && LOADGEN_JAVA_OPTS="$LOADGEN_JAVA_OPTS -XX:TieredStopAtLevel=1 -Xshare:auto" && LOADGEN_RATE_JAVA_OPTS=""

# ---- measurements -------------------------------------------------------------------------------
declare -A CPU_TICKS REQS

run_wrk() { # run_wrk CONTENDER SECONDS -> prints the BENCH line
  local name=$1 secs=$2
  contender_call "$name" json
  local IFS='|'
  BENCH_BODY=$CALL_BODY BENCH_HEADERS="${CALL_HEADERS[*]}" taskset -c "$CPU_LOAD" \
    wrk -t1 -c"$WRK_CONNECTIONS" -d"${secs}s" --timeout 10s -s "$BENCH/wrk-post.lua" "$CALL_URL" | grep '^BENCH ' | sed 's/^BENCH //'
}

# cpu_during CONTENDER CMD...: runs CMD with LINE set to its output, and CPU_USER and CPU_SYS to the
# user and system ticks the contender's processes spent meanwhile (empty for direct access, which
# has none). Not in a subshell, so that callers can add to their totals
cpu_during() {
  local name=$1 pid user0 sys0 user1 sys1; shift
  CPU_USER=""; CPU_SYS=""
  pid=$(contender_cpu_pids "$name")
  # shellcheck disable=SC2086
  [ -n "$pid" ] && read -r user0 sys0 < <(cpu_ticks $pid)
  LINE=$("$@")
  if [ -n "$pid" ]; then
    # shellcheck disable=SC2086
    read -r user1 sys1 < <(cpu_ticks $pid)
    CPU_USER=$((user1 - user0)); CPU_SYS=$((sys1 - sys0))
  fi
}

# measured_wrk CONTENDER SECONDS: sets LINE to run_wrk's line plus the contender's CPU time per
# request served, user and system apart (user_us_per_req, sys_us_per_req): at saturation the system
# time is the kernel's work for the sockets (the same four TCP segments a request for every proxy
# here), the user time the proxy's own; none for direct access
measured_wrk() {
  local served
  cpu_during "$1" run_wrk "$1" "$2"
  served=$(kv requests "$LINE")
  if [ -n "$CPU_USER" ] && [ "${served:-0}" -gt 0 ] 2>/dev/null; then
    LINE="$LINE $(awk -v u="$CPU_USER" -v s="$CPU_SYS" -v n="$served" -v hz="$CLK_TCK" \
      'BEGIN { printf "user_us_per_req=%.2f sys_us_per_req=%.2f", u / hz * 1e6 / n, s / hz * 1e6 / n }')"
  fi
}

# warm_up CONTENDER: wrk in WARMUP_SLICE_S-s slices until the throughput of two slices in a row is
# within 5 % and, for a JVM, its JIT compilers worked under 2 % of the last slice (at least
# WARMUP_S, at most WARMUP_MAX_S seconds). A fixed warm-up measured Gatehouse with every control
# while its JIT still took a third of its core; steady throughput alone stopped it after 30-60 s
# while C2 still took some 10 % of the core (its H2 paths compile for about two and a half minutes)
WARMUP_SLICE_S=5
warm_up() {
  local c=$1 t=0 prev=0 rps=0 line pid jit jit_before jit_slice="" quiet
  pid=$(contender_pid "$c"); jit_before=$(jit_seconds "$pid")
  while :; do
    line=$(run_wrk "$c" "$WARMUP_SLICE_S")
    [ "$(kv requests "$line")" -gt 0 ] 2>/dev/null || die "$c: the warm-up got no responses: '$line'"
    rps=$(kv rps "$line"); t=$((t + WARMUP_SLICE_S))
    # nginx compiles nothing at run time: one slice opens its connections
    case $c in direct|nginx) break ;; esac
    quiet=true
    if [ -n "$jit_before" ]; then
      jit=$(jit_seconds "$pid")
      jit_slice=$(awk -v a="$jit_before" -v b="$jit" 'BEGIN {printf "%.2f", b - a}')
      jit_before=$jit
      awk -v j="$jit_slice" -v s="$WARMUP_SLICE_S" 'BEGIN {exit !(j < 0.02 * s)}' || quiet=false
    fi
    if [ "$t" -ge "$WARMUP_S" ] && [ "$quiet" = true ] && awk -v a="$prev" -v b="$rps" 'BEGIN {exit !(a > 0 && (b - a) / a < 0.05 && (a - b) / a < 0.05)}'; then break; fi
    [ "$t" -ge "$WARMUP_MAX_S" ] && break
    prev=$rps
  done
  log "warm-up $c: $t s, the last slice at $rps req/s${jit_slice:+, JIT ${jit_slice} s of it}"
}

# first_answers CONTENDER: the smoke run has no warm-up, but a cold JVM on a busy machine (the test
# suite beside it) can take more than its one-second wrk run to answer at all: one-second slices
# until a slice gets answers, at most 30
first_answers() {
  local c=$1 line i
  for i in $(seq 1 30); do
    line=$(run_wrk "$c" 1)
    [ "$(kv requests "$line")" -gt 0 ] 2>/dev/null && return 0
  done
  die "$c: no answer to wrk within 30 s: '$line'"
}

# run_rate CONTENDER KIND RATE SECONDS CONNECTIONS: sets LINE to the loadgen's line and adds the
# contender's CPU to its totals (not in a subshell, so the totals survive)
run_rate() {
  local name=$1 kind=$2 rate=$3 secs=$4 conns=$5 h args=()
  contender_call "$name" "$kind"
  for h in "${CALL_HEADERS[@]}"; do args+=(--header "$h"); done
  cpu_during "$name" loadgen rate --url "$CALL_URL" --body "$CALL_BODY" --rate "$rate" --duration "$secs" --warmup "$RATE_WARM_S" \
    --connections "$conns" "${args[@]}" 2>>"$WORK/loadgen.err"
  if [ -n "$CPU_USER" ]; then
    CPU_TICKS[$name]=$(( ${CPU_TICKS[$name]:-0} + CPU_USER + CPU_SYS ))
    REQS[$name]=$(( ${REQS[$name]:-0} + $(kv done "$LINE") ))
  fi
}

record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$RESULTS"; }

idle_streams() {
  log "idle streams: $IDLE_STREAMS streams held open through Gatehouse"
  ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  start_bg idle-upstream "$CPU_LOAD" "$JAVA_HOME/bin/java" -cp "$LOADGEN_CP" dev.gatehouse.bench.loadgen.Main idle-upstream \
    --port "$PORT_IDLE_UPSTREAM" --ports "$IDLE_UPSTREAM_PORTS"
  for _ in $(seq 1 100); do grep -q listening "$WORK/idle-upstream.log" 2>/dev/null && break; sleep 0.1; done
  grep -q listening "$WORK/idle-upstream.log" || die "the idle upstream did not start: $(cat "$WORK/idle-upstream.log")"
  gatehouse_config "$WORK/gatehouse-idle.yaml" "$(seq -s ' ' "$PORT_IDLE_UPSTREAM" $((PORT_IDLE_UPSTREAM + IDLE_UPSTREAM_PORTS - 1)))" \
    "{connect_ms: 5000, first_byte_ms: 3600000, idle_ms: 3600000, total_ms: 3600000}" "${FULL_CONTROLS[@]}"
  start_gatehouse gatehouse-idle "$PORT_GH_IDLE" "$WORK/gatehouse-idle.yaml"
  local line
  line=$(loadgen idle-streams --url "http://127.0.0.1:$PORT_GH_IDLE/v1/chat/completions" --body "$BENCH/payloads/request-stream.json" \
    --header "authorization: Bearer $GATEHOUSE_KEY" --streams "$IDLE_STREAMS" --open-rate 2000 --pid "$PID_gatehouse_idle" \
    --timeout 60 --settle 3 2>>"$WORK/loadgen.err")
  log "  $line"
  record idle gatehouse-routing "$line"
  stop_one "$PID_gatehouse_idle"
  stop_one "$PID_idle_upstream"
}

write_meta() {
  {
    echo "mode=$MODE"
    echo "command=$COMMAND"
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "contenders=${CONTENDERS[*]}"
    echo "nproc=$(nproc)"
    echo "cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
    echo "memory=$(free -h | awk '/^Mem:/ {print $2}')"
    echo "uptime_before=$UPTIME_BEFORE"
    echo "uptime_after=$(uptime | sed 's/.*load/load/')"
    echo "gatehouse_commit=$(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet -- src pom.xml || echo ' (with uncommitted changes)')"
    echo "jdk=$("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | sed 's/"//g')"
    echo "nginx=$(nginx -v 2>&1 | sed 's/.*nginx\///')"
    echo "portkey=@portkey-ai/gateway $(node -p "require('$CACHE/portkey/node_modules/@portkey-ai/gateway/package.json').version")"
    echo "node=$(node --version) (@hono/node-server $(node -p "require('$CACHE/portkey/node_modules/@hono/node-server/package.json').version"); streams need bench/portkey/mutable-fetch-headers.mjs, see there)"
    echo "wrk=$(wrk -v 2>&1 | head -1 | awk '{print $2}')"
    echo "pinning=contender on CPU $CPU_CONTENDER (taskset -c $CPU_CONTENDER); load generator, wrk and upstream on CPU $CPU_LOAD (taskset -c $CPU_LOAD); every contender alike. Gatehouse runs with the launcher's JVM options (\`./gatehouse jvm-options\`: $("$ROOT/gatehouse" jvm-options))${GATEHOUSE_JAVA_OPTS:+ plus $GATEHOUSE_JAVA_OPTS}, the JVM's defaults otherwise, and one event loop (it sees one CPU), on the $(gatehouse_transports) transport (\`server.transport: ${BENCH_TRANSPORT:-auto}\`)"
    echo "upstream=nginx (1 worker) returning a fixed $(wc -c <"$BENCH/payloads/chat-response.json")-byte chat completion, and a $(grep -c '^data:' "$BENCH/payloads/stream.sse")-event SSE stream ($(wc -c <"$BENCH/payloads/stream.sse") bytes) for stream requests; request body $(wc -c <"$BENCH/payloads/request.json") bytes"
    echo "controls_full=$(controls_description "${FULL_CONTROLS[@]}")"
    echo "vertx_proxy=bench/loadgen VertxProxy on Gatehouse's jar (the same Vert.x $(sed -n 's:.*<vertx.version>\(.*\)</vertx.version>.*:\1:p' "$ROOT/pom.xml"), Netty and transport, the same JVM options, one event loop) and none of Gatehouse's code: it reads the whole request body, sends it upstream on a pooled keep-alive connection (1,024 at most, as Gatehouse's default) and answers with the whole JSON body or relays the SSE stream"
    echo "controls_routing=key authentication (always on; it cannot be turned off); no policy pack, no metering, limits or audit"
    with_postgres && echo "controls_full_pg=the same controls as gatehouse-full, its store in PostgreSQL $PG_VERSION (Debian's server, default settings, a fresh cluster on 127.0.0.1 pinned to the contender's core with Gatehouse); its CPU figures include PostgreSQL's processes, its peak RSS is Gatehouse's alone"
    echo "load=after a wrk warm-up of every contender until its throughput is steady and, for a JVM, its JIT is quiet (${WARMUP_SLICE_S}-s slices until two in a row are within 5 % of each other and the JIT compilers worked under 2 % of the last, \`jstat -compiler\`; at least ${WARMUP_S} s, at most ${WARMUP_MAX_S} s; one slice for direct access and nginx, which compile nothing at run time; Gatehouse with every control on its one core needs the longest); contenders interleaved round-robin within each measurement; every stream figure is the median of ${STREAM_ROUNDS} such interleaved round(s)"
    echo "wrk_load=\`wrk -t1 -c$WRK_CONNECTIONS -d${WRK_S}s\` with bench/wrk-post.lua (POST, keep-alive); every throughput figure the median of ${WRK_ROUNDS} interleaved round(s)."
    echo "rate_load=bench/loadgen \`rate\`: constant rate for ${RATE_S} s after ${RATE_WARM_S} s unrecorded, Vert.x client on a native transport, each request sent by a timer set for its intended start, HdrHistogram; the generator's JVM \`${LOADGEN_JAVA_OPTS} ${LOADGEN_RATE_JAVA_OPTS}\`, so that neither a collection nor the JIT's top tier falls in a measured window (its noise is printed below the tables); every figure the median of ${RATE_ROUNDS} interleaved round(s); connections: $(for r in "${RATES[@]}"; do printf '%s req/s -> %s, ' "$r" "$(connections_for "$r")"; done | sed 's/, $//')."
    echo "stream_load=stream requests (\`\"stream\": true\`) at a constant ${STREAM_RATE} req/s for ${STREAM_S} s; TTFB = first body byte after the intended start."
    echo "idle_load=one Gatehouse with long idle/total timeouts; an upstream that sends one chunk and then stays silent ($IDLE_UPSTREAM_PORTS ports, one provider each, so that no provider's pool (max_connections, 1,024 by default) is the limit); streams opened at 2,000/s, RSS read 3 s after the last first chunk. \`ulimit -n\` $(ulimit -n)."
    echo "idle=on"
  } >"$META"
}

# ---- the soak: no growth of heap or RSS at a fixed rate -------------------------------------------
heap_after_gc_kib() { # live heap: a full GC first, then the used size of the heap's generations
  "$JAVA_HOME/bin/jcmd" "$1" GC.run >/dev/null
  # the lines that name a generation or heap in total (DefNew/Tenured, G1's "garbage-first heap"...)
  "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info | grep -E '^ ?[A-Za-z-]+( [a-z-]+)* +total' | grep -v -i -E 'metaspace|class space' \
    | grep -oE 'used [0-9]+K' | awk '{s += $2} END {print s + 0}' || true
}

soak_main() {
  UPTIME_BEFORE=$(uptime | sed 's/.*load/load/')
  log "soak: ${SOAK_S} s at ${SOAK_RATE} req/s through gatehouse-full; $UPTIME_BEFORE"
  ensure_tools
  build
  start_upstream
  gatehouse_config "$WORK/gatehouse-full.yaml" "$PORT_UPSTREAM" "{connect_ms: 2000, first_byte_ms: 30000, idle_ms: 30000, total_ms: 60000}" "${FULL_CONTROLS[@]}"
  start_gatehouse gatehouse-full "$PORT_GH_FULL" "$WORK/gatehouse-full.yaml"
  warm_up gatehouse-full
  local pid=$PID_gatehouse_full out=$OUT/soak.md slices=$((SOAK_S / SOAK_SLICE_S)) i line rss heap first_rss="" heaps=()
  {
    echo "# Soak: Gatehouse with every control at a fixed rate"
    echo
    echo "- **Command:** \`$COMMAND\`"
    echo "- **Date:** $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(cd "$ROOT" && git rev-parse --short HEAD); $(nproc) cores; load before: $UPTIME_BEFORE"
    echo "- **Load:** ${SOAK_RATE} req/s (open model, bench/loadgen \`rate\`, 256 connections) for ${SOAK_S} s in ${SOAK_SLICE_S}-s slices (each after ${RATE_WARM_S} s unrecorded: a fresh load-generator JVM starts each slice and its own warm-up otherwise fills the p99), after a wrk warm-up until the throughput is steady (at least ${WARMUP_S} s, at most ${WARMUP_MAX_S} s); controls: $(controls_description "${FULL_CONTROLS[@]}")"
    echo "- **Samples:** after each slice, a full GC (\`jcmd GC.run\`) and the live heap (\`GC.heap_info\`), and the process RSS (\`VmRSS\`)"
    echo
    echo "| after | requests ok | errors | p50 | p99 | live heap | RSS |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  } >"$out"
  for i in $(seq 1 "$slices"); do
    run_rate gatehouse-full json "$SOAK_RATE" "$SOAK_SLICE_S" 256; line=$LINE
    heap=$(heap_after_gc_kib "$pid")
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
    [ "$i" -eq 2 ] && first_rss=$rss
    heaps+=("$heap")
    record soak gatehouse-full "$line heap_kib=$heap rss_kib=$rss"
    log "soak $((i * SOAK_SLICE_S)) s: heap ${heap} KiB, RSS ${rss} KiB, $line"
    printf '| %d s | %s | %s | %.2f ms | %.2f ms | %.1f MiB | %.1f MiB |\n' "$((i * SOAK_SLICE_S))" "$(kv ok "$line")" "$(kv errors "$line")" \
      "$(awk -v u="$(kv p50_us "$line")" 'BEGIN {print u / 1000}')" "$(awk -v u="$(kv p99_us "$line")" 'BEGIN {print u / 1000}')" \
      "$(awk -v k="$heap" 'BEGIN {print k / 1024}')" "$(awk -v k="$rss" 'BEGIN {print k / 1024}')" >>"$out"
  done
  if [ -n "$first_rss" ]; then
    {
      echo
      # the live heap swings with the requests in flight at the moment of the GC: compare halves, not two samples
      echo "Live heap after GC, mean of the first half of the samples against the second half:" \
        "$(printf '%s\n' "${heaps[@]}" | awk '{h[NR] = $1} END {n = int(NR / 2); for (i = 1; i <= n; i++) a += h[i]; for (i = NR - n + 1; i <= NR; i++) b += h[i];
           printf "%.1f MiB -> %.1f MiB (%+.1f %%)", a / n / 1024, b / n / 1024, (b - a) * 100 / a}');"
      echo "RSS from the second sample (after warm-up) to the last: $(awk -v a="$first_rss" -v b="$rss" 'BEGIN {printf "%.1f MiB -> %.1f MiB (%+.1f %%)", a / 1024, b / 1024, (b - a) * 100 / a}')."
    } >>"$out"
  fi
  stop_all
  log "done: $out"
}

# ---- the run ------------------------------------------------------------------------------------
main() {
  local started=$SECONDS
  UPTIME_BEFORE=$(uptime | sed 's/.*load/load/')
  log "mode $MODE; results in $OUT; $UPTIME_BEFORE"
  ensure_tools
  build
  install_portkey
  ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

  start_upstream
  start_nginx
  start_vertx_proxy
  start_portkey
  gatehouse_config "$WORK/gatehouse-routing.yaml" "$PORT_UPSTREAM" "{connect_ms: 2000, first_byte_ms: 30000, idle_ms: 30000, total_ms: 60000}" "${ROUTING_CONTROLS[@]}"
  gatehouse_config "$WORK/gatehouse-full.yaml" "$PORT_UPSTREAM" "{connect_ms: 2000, first_byte_ms: 30000, idle_ms: 30000, total_ms: 60000}" "${FULL_CONTROLS[@]}"
  start_gatehouse gatehouse-routing "$PORT_GH_ROUTING" "$WORK/gatehouse-routing.yaml"
  start_gatehouse gatehouse-full "$PORT_GH_FULL" "$WORK/gatehouse-full.yaml"
  local port ports=("$PORT_UPSTREAM:upstream" "$PORT_NGINX:nginx" "$PORT_VERTX:vertx-proxy" "$PORT_PORTKEY:portkey" "$PORT_GH_ROUTING:gatehouse-routing" "$PORT_GH_FULL:gatehouse-full")
  if with_postgres; then
    start_postgres "$PORT_POSTGRES"
    GH_STORE_URL=$PG_URL gatehouse_config "$WORK/gatehouse-full-pg.yaml" "$PORT_UPSTREAM" "{connect_ms: 2000, first_byte_ms: 30000, idle_ms: 30000, total_ms: 60000}" "${FULL_CONTROLS[@]}"
    start_gatehouse gatehouse-full-pg "$PORT_GH_FULL_PG" "$WORK/gatehouse-full-pg.yaml"
    ports+=("$PORT_GH_FULL_PG:gatehouse-full-pg" "$PORT_POSTGRES:postgres")
  fi
  for port in "${ports[@]}"; do
    assert_loopback_only "${port#*:}" "${port%%:*}"
  done
  log "all contenders up, each on 127.0.0.1 only"

  local c line rate
  for c in "${CONTENDERS[@]}"; do
    if [ "$WARMUP_S" -gt 0 ]; then warm_up "$c"; else first_answers "$c"; fi
  done
  # throughput in WRK_ROUNDS interleaved rounds, each figure the median: one 15-s wrk run of the
  # same build moved by 10-20 % between full runs, more than the gains being measured
  local round
  for round in $(seq 1 "$WRK_ROUNDS"); do
    for c in "${CONTENDERS[@]}"; do
      measured_wrk "$c" "$WRK_S"; line=$LINE; log "wrk $c (round $round/$WRK_ROUNDS): $line"; record wrk "$c" "$line"
    done
  done
  # fixed rates in RATE_ROUNDS interleaved rounds, each figure the median (a single run's p99 at
  # 5,000 req/s swings by several milliseconds on this shared machine, more than the 1 ms target)
  for round in $(seq 1 "$RATE_ROUNDS"); do
    for rate in "${RATES[@]}"; do
      for c in "${CONTENDERS[@]}"; do
        run_rate "$c" json "$rate" "$RATE_S" "$(connections_for "$rate")"; line=$LINE
        log "rate $rate $c (round $round/$RATE_ROUNDS): $line"; record rate "$c" "$line"
      done
    done
  done
  # streams in STREAM_ROUNDS interleaved rounds; the report takes each figure's median (bench/loadgen
  # Results): the stream target (0.5 ms of TTFB overhead at p99) is below one 10-s run's swing
  for round in $(seq 1 "$STREAM_ROUNDS"); do
    for c in "${CONTENDERS[@]}"; do
      run_rate "$c" stream "$STREAM_RATE" "$STREAM_S" 64; line=$LINE
      log "stream $c (round $round/$STREAM_ROUNDS): $line"; record stream "$c" "$line"
    done
  done
  local pid cpu_s
  for c in "${CONTENDERS[@]}"; do
    pid=$(contender_pid "$c"); [ -n "$pid" ] || continue
    cpu_s=$(awk -v t="${CPU_TICKS[$c]:-0}" -v hz="$CLK_TCK" 'BEGIN {printf "%.2f", t / hz}')
    record mem "$c" "hwm_kib=$(peak_rss_kib "$pid") cpu_s=$cpu_s requests=${REQS[$c]:-0}"
  done
  stop_all
  stop_postgres

  idle_streams
  write_meta
  loadgen report --results "$RESULTS" --meta "$META" --out "$OUT/README.md" --charts "$WORK/charts" >&2
  gnuplot -e "datadir='$WORK/charts'; outdir='$OUT'" "$BENCH/charts.gp" || die "gnuplot failed"
  [ -s "$OUT/latency.png" ] && [ -s "$OUT/throughput.png" ] || die "the charts were not written"
  log "done in $((SECONDS - started)) s: $OUT/README.md"
}

if [ "$MODE" = soak ]; then soak_main; else main; fi
