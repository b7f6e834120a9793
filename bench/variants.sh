#!/usr/bin/env bash
# Gatehouse against itself: several variants with every control on (or routing only), each a set
# of JVM options and optionally its own store URL or jar, started side by side on the contender's
# core (only one is loaded at a time), warmed alike and measured in interleaved rounds, so that the
# machine's drift hits all.
# Per round and variant: wrk's closed-loop throughput (10 s, -t1 -c64), then the load generator at a
# fixed rate (10 s after 5 s unrecorded, 1,000 connections): p50/p99/p99.9, the young collections'
# pauses during both (from -Xlog:gc), and the process's peak RSS so far; with STREAMS=1 also streams at
# 500 req/s (10 s after 5 s unrecorded, 64 connections): time to first byte p50/p99/p99.9. A direct run
# to the upstream opens each round. disk_b_per_req: the bytes the process wrote to storage during the
# wrk run (/proc/PID/io write_bytes: the journal, the store's file, the logs), per request served. At
# the end, the mean bytes that survived one young collection (age 1).
#
#   VARIANTS='JAVA_OPTS;JAVA_OPTS...' ./bench/variants.sh [ROUNDS (3)] [RATE (5000)]
#   env: STORE_URL_<i> the store of variant i (@DATA@ is replaced by its data directory; @PG@ by a
#        database of its own in a throwaway PostgreSQL cluster on the contender's core, as in the full
#        run, so '@PG@&param=value' sets a driver parameter), JAR_<i> its
#        jar (a build before a change, say; default target/gatehouse.jar), CONTROLS (full or routing),
#        WARM_S (45), STREAMS (1 to measure streams too)
# e.g. VARIANTS='-XX:+UseSerialGC;-XX:+UseSerialGC' STORE_URL_1='jdbc:h2:file:@DATA@/db;WRITE_DELAY=500' ./bench/variants.sh
#      VARIANTS='-XX:+UseSerialGC;-XX:+UseSerialGC' STORE_URL_0=@PG@ STORE_URL_1='@PG@&reWriteBatchedInserts=true' ./bench/variants.sh
#      VARIANTS='-XX:+UseSerialGC;-XX:+UseSerialGC' JAR_0=/tmp/before.jar CONTROLS=routing ./bench/variants.sh
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
CACHE="$BENCH/.cache"
ROUNDS=${1:-3}
RATE=${2:-5000}
# the usage: the comment block above, up to the first line that is not a comment
[ -n "${VARIANTS:-}" ] || { sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"; exit 2; }
. "$BENCH/lib/common.sh"
. "$BENCH/lib/contenders.sh"
. "$BENCH/lib/postgres.sh"
case ${CONTROLS:-full} in
  full) CONTROL_SET=("${FULL_CONTROLS[@]}") ;;
  routing) CONTROL_SET=("${ROUTING_CONTROLS[@]}") ;;
  *) die "CONTROLS is '$CONTROLS': full or routing" ;;
esac
. "$BENCH/lib/build.sh"
WORK=$(mktemp -d /tmp/gatehouse-variants.XXXXXX)
trap 'stop_all; stop_postgres; rm -rf "$WORK"' EXIT
PORT_UPSTREAM=${BENCH_PORT_BASE:-18800}
GATEHOUSE_KEY=sk-gatehouse-bench-0123456789
CPU_LOAD=0; CPU_CONTENDER=1
build
fields() { echo "$1" | tr ' ' '\n' | grep -E "^($2)=" | paste -sd' ' -; }

start_upstream
IFS=';' read -r -a VS <<<"$VARIANTS"
# each variant's own store and jar (STORE_URL_<i>, JAR_<i>), looked up once
STORES=(); JARS=()
for i in "${!VS[@]}"; do store_var="STORE_URL_$i" jar_var="JAR_$i"; STORES[i]=${!store_var:-}; JARS[i]=${!jar_var:-}; done
# '@PG@' in a store URL: one cluster for all such variants, and a database per variant
if [[ "${STORES[*]}" == *@PG@* ]]; then
  PORT_POSTGRES=$((PORT_UPSTREAM + 99))
  start_postgres "$PORT_POSTGRES"
  for i in "${!VS[@]}"; do
    [[ ${STORES[i]} == *@PG@* ]] || continue
    "$(pg_bin)/createdb" -h 127.0.0.1 -p "$PORT_POSTGRES" -U gatehouse "v$i"
    STORES[i]=${STORES[i]//@PG@/jdbc:postgresql://127.0.0.1:$PORT_POSTGRES/v$i?user=gatehouse}
  done
fi
timeouts="{connect_ms: 2000, first_byte_ms: 30000, idle_ms: 30000, total_ms: 60000}"
for i in "${!VS[@]}"; do
  GH_STORE_URL=${STORES[i]//@DATA@/$WORK/v$i-data} gatehouse_config "$WORK/v$i.yaml" "$PORT_UPSTREAM" "$timeouts" "${CONTROL_SET[@]}"
  GATEHOUSE_JAVA_OPTS="${VS[$i]} -Xlog:gc,gc+age=trace:file=$WORK/gc$i.log" BENCH_GATEHOUSE_JAR=${JARS[i]} \
    start_gatehouse "v$i" $((PORT_UPSTREAM + 1 + i)) "$WORK/v$i.yaml"
done
H="authorization: Bearer $GATEHOUSE_KEY"
url() { echo "http://127.0.0.1:$((PORT_UPSTREAM + 1 + $1))/v1/chat/completions"; }
# streams as the full run measures them (bench/run.sh: 500 req/s, 64 connections)
stream_at() {
  loadgen rate --url "$1" --body "$BENCH/payloads/request-stream.json" --rate 500 --duration 10 --warmup 5 \
    --connections 64 --header "$2" 2>/dev/null
}
wrk_at() { BENCH_BODY=$BENCH/payloads/request.json BENCH_HEADERS="$H" taskset -c "$CPU_LOAD" wrk -t1 -c64 -d"$2s" -s "$BENCH/wrk-post.lua" "$1" | grep '^BENCH'; }
disk_written() { awk '/^write_bytes/ { print $2 }' "/proc/$1/io"; }
# the young collections logged after line FROM of a gc log: count, mean and longest pause
pauses() {
  tail -n +"$(($2 + 1))" "$1" | grep 'Pause Young' | sed -E 's/.* ([0-9.]+)ms$/\1/' |
    awk '{ n++; s += $1; if ($1 > m) m = $1 } END { printf "young=%d pause_avg_ms=%.1f pause_max_ms=%.1f", n, n ? s / n : 0, m }'
}
for i in "${!VS[@]}"; do log "warm-up v$i: ${WARM_S:-45} s"; wrk_at "$(url "$i")" "${WARM_S:-45}" >/dev/null; done
for r in $(seq 1 "$ROUNDS"); do
  line=$(loadgen rate --url "http://127.0.0.1:$PORT_UPSTREAM/v1/chat/completions" --body "$BENCH/payloads/request.json" \
    --rate "$RATE" --duration 10 --warmup 5 --connections 1000 --header "authorization: Bearer sk-upstream" 2>/dev/null)
  echo "round $r direct: $(fields "$line" 'p50_us|p99_us|p999_us')"
  if [ "${STREAMS:-0}" = 1 ]; then
    line=$(stream_at "http://127.0.0.1:$PORT_UPSTREAM/stream/v1/chat/completions" "authorization: Bearer sk-upstream")
    echo "round $r direct stream: $(fields "$line" 'ttfb_p50_us|ttfb_p99_us|ttfb_p999_us')"
  fi
  for i in "${!VS[@]}"; do
    from=$(wc -l <"$WORK/gc$i.log")
    pid_var="PID_v$i"
    written=$(disk_written "${!pid_var}")
    w=$(wrk_at "$(url "$i")" 10)
    served=$(fields "$w" requests | cut -d= -f2)
    disk=$(( ($(disk_written "${!pid_var}") - written) / (${served:-0} > 0 ? served : 1) ))
    line=$(loadgen rate --url "$(url "$i")" --body "$BENCH/payloads/request.json" --rate "$RATE" --duration 10 --warmup 5 \
      --connections 1000 --header "$H" 2>/dev/null)
    echo "round $r v$i: $(fields "$w" rps) disk_b_per_req=$disk $(fields "$line" 'p50_us|p99_us|p999_us|errors') $(pauses "$WORK/gc$i.log" "$from") peak_rss_mib=$(awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/${!pid_var}/status")"
    if [ "${STREAMS:-0}" = 1 ]; then
      line=$(stream_at "$(url "$i")" "$H")
      echo "round $r v$i stream: $(fields "$line" 'ttfb_p50_us|ttfb_p99_us|ttfb_p999_us|errors')"
    fi
  done
done
for i in "${!VS[@]}"; do
  echo "v$i: ${VS[$i]}${STORES[i]:+ store=${STORES[i]}}${JARS[i]:+ jar=${JARS[i]}}" \
    "age1_bytes_mean=$(grep 'age *1:' "$WORK/gc$i.log" | awk '{ s += $(NF - 3) } END { printf "%d", NR ? s / NR : 0 }')" \
    "full_collections=$(grep -c 'Pause Full' "$WORK/gc$i.log" || true)"
done
