# How each contender and the upstream are configured and started. Every one binds 127.0.0.1 only.
# shellcheck shell=bash

# nginx_conf PREFIX PORT BODY...: a non-daemon nginx with one worker and its own prefix; BODY is
# the inside of its server block (plus an optional upstream block in $NGINX_HTTP_EXTRA).
nginx_conf() {
  local prefix=$1 port=$2 server_body=$3 user_line=""
  mkdir -p "$prefix/logs" "$prefix/tmp"
  [ "$(id -u)" = 0 ] && user_line="user root;"
  cat >"$prefix/nginx.conf" <<CONF
$user_line
worker_processes 1;
daemon off;
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log warn;
worker_rlimit_nofile 65536;
events { worker_connections 16384; multi_accept on; }
http {
  access_log off;
  client_body_temp_path $prefix/tmp/body;
  proxy_temp_path $prefix/tmp/proxy;
  fastcgi_temp_path $prefix/tmp/fastcgi;
  uwsgi_temp_path $prefix/tmp/uwsgi;
  scgi_temp_path $prefix/tmp/scgi;
  keepalive_requests 10000000;
  keepalive_timeout 300s;
  tcp_nodelay on;
  ${NGINX_HTTP_EXTRA:-}
  server {
    listen 127.0.0.1:$port backlog=4096;
$server_body
  }
}
CONF
}

# The upstream: the fixed chat completion and the SSE stream, straight from nginx's memory.
start_upstream() {
  local prefix=$WORK/nginx-upstream
  NGINX_HTTP_EXTRA="" nginx_conf "$prefix" "$PORT_UPSTREAM" "
    location = /v1/chat/completions {
      default_type application/json;
      return 200 '$(cat "$BENCH/payloads/chat-response.json")';
    }
    location = /stream/v1/chat/completions {
      default_type text/event-stream;
      add_header Cache-Control no-cache;
      # a real provider streams without a length (chunked); sub_filter drops the length, changes nothing
      sub_filter_types text/event-stream;
      sub_filter 'NEVER-IN-THE-BODY' '';
      return 200 '$(cat "$BENCH/payloads/stream.sse")';
    }"
  start_bg upstream "$CPU_LOAD" nginx -p "$prefix" -c "$prefix/nginx.conf"
  wait_ready upstream "$PID_upstream" "http://127.0.0.1:$PORT_UPSTREAM/v1/chat/completions" -X POST -d @"$BENCH/payloads/request.json"
}

# (2) nginx proxy_pass with keepalive upstream connections: the floor of any proxy hop.
start_nginx() {
  local prefix=$WORK/nginx-proxy
  NGINX_HTTP_EXTRA="upstream bench_upstream { server 127.0.0.1:$PORT_UPSTREAM; keepalive 512; keepalive_requests 10000000; }" \
    nginx_conf "$prefix" "$PORT_NGINX" "
    location / {
      proxy_pass http://bench_upstream;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_buffering off;
    }"
  start_bg nginx "$CPU_CONTENDER" nginx -p "$prefix" -c "$prefix/nginx.conf"
  wait_ready nginx "$PID_nginx" "http://127.0.0.1:$PORT_NGINX/v1/chat/completions" -X POST -d @"$BENCH/payloads/request.json"
}

# (2b) a bare Vert.x proxy (bench/loadgen VertxProxy): Gatehouse's own Vert.x, Netty and transport
# (it runs on Gatehouse's jar, with the launcher's JVM options, one event loop) and none of its code,
# so it splits the gap to nginx into the JVM's HTTP stack and Gatehouse's own work.
start_vertx_proxy() {
  local libs=${BENCH_GATEHOUSE_CP:-${BENCH_GATEHOUSE_JAR:-$ROOT/target/gatehouse.jar}}
  # the JVM options Gatehouse gets, GATEHOUSE_JAVA_OPTS included: the two differ only in their code
  # shellcheck disable=SC2046,SC2086
  start_bg vertx-proxy "$CPU_CONTENDER" "$JAVA_HOME/bin/java" $(JAVA_HOME="$JAVA_HOME" "$ROOT/gatehouse" jvm-options) ${GATEHOUSE_JAVA_OPTS:-} \
    -cp "$libs:$BENCH/loadgen/target/classes" dev.gatehouse.bench.loadgen.Main vertx-proxy \
    --port "$PORT_VERTX" --upstream-port "$PORT_UPSTREAM" --transport "${BENCH_TRANSPORT:-auto}"
  wait_ready vertx-proxy "$PID_vertx_proxy" "http://127.0.0.1:$PORT_VERTX/v1/chat/completions" -X POST -d @"$BENCH/payloads/request.json"
}

PORTKEY_VERSION=${PORTKEY_VERSION:-1.15.2}

install_portkey() {
  local dir=$CACHE/portkey want
  want="{\"name\":\"portkey-bench\",\"private\":true,\"dependencies\":{\"@portkey-ai/gateway\":\"$PORTKEY_VERSION\"}}"
  mkdir -p "$dir"
  if [ "$(cat "$dir/package.json" 2>/dev/null)" != "$want" ] || [ ! -f "$dir/node_modules/@portkey-ai/gateway/build/start-server.js" ]; then
    log "installing @portkey-ai/gateway@$PORTKEY_VERSION into $dir"
    echo "$want" >"$dir/package.json"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error >&2) \
      || die "npm install @portkey-ai/gateway@$PORTKEY_VERSION failed (network or registry?); Portkey is a required contender"
  fi
}

# (3) the Portkey AI Gateway, held to 127.0.0.1 by the preload.
start_portkey() {
  local dir=$CACHE/portkey
  start_bg portkey "$CPU_CONTENDER" env NODE_ENV=production node --import "$BENCH/portkey/listen-localhost.mjs" \
    --import "$BENCH/portkey/mutable-fetch-headers.mjs" \
    "$dir/node_modules/@portkey-ai/gateway/build/start-server.js" --port="$PORT_PORTKEY" --headless
  wait_ready portkey "$PID_portkey" "http://127.0.0.1:$PORT_PORTKEY/v1/chat/completions" -X POST -d @"$BENCH/payloads/request.json" \
    -H 'content-type: application/json' -H 'authorization: Bearer sk-upstream' -H 'x-portkey-provider: openai' \
    -H "x-portkey-custom-host: http://127.0.0.1:$PORT_UPSTREAM/v1"
}

# Controls the 'gatehouse-full' contender turns on. Key authentication is always on (it is in the
# base config). Controls with a switch in the config's `controls:` section (metering, limits) are
# turned on by name; a later control (policy, audit) adds bench/controls/NAME.yaml, a fragment
# appended to the config, and its name here.
# routing only: key authentication (always on) and nothing else, so the request policy is switched off
ROUTING_CONTROLS=(auth)
FULL_CONTROLS=(auth policy metering limits audit)

controls_description() {
  local c out=()
  for c in "$@"; do
    case $c in
      auth) out+=("key authentication (SHA-256 digest lookup)") ;;
      metering) out+=("metering (usage record journaled before the last byte, loaded into the ledger)") ;;
      limits) out+=("limits (requests, tokens, concurrency and budget checks; the bench key has no limit rows)") ;;
      policy) out+=("request policy (the default pack, client geolocation from ../shared/data/geo)") ;;
      audit) out+=("audit (a hash-chained decision entry for every request)") ;;
      *) out+=("$c") ;;
    esac
  done
  local IFS=";"; echo "${out[*]}" | sed "s/;/; /g"
}

# gatehouse_config FILE UPSTREAM_PORTS TIMEOUTS CONTROLS...: one route per kind of response, each to
# an openai-compatible provider at the upstream; several upstream ports make one route spread over
# several providers (the idle-stream test needs more connections than one upstream pool holds).
gatehouse_config() {
  local file=$1 ports=$2 timeouts=$3; shift 3
  {
    # BENCH_TRANSPORT (io_uring, epoll, nio) compares transports; unset, Gatehouse's default (auto)
    echo "server: {host: 127.0.0.1${BENCH_TRANSPORT:+, transport: $BENCH_TRANSPORT}}"
    echo "api_keys:"
    echo "  - {name: bench, key: $GATEHOUSE_KEY}"
    echo "defaults:"
    echo "  timeouts: $timeouts"
    echo "providers:"
    local p
    for p in $ports; do
      echo "  up-$p: {type: openai-compatible, base_url: 'http://127.0.0.1:$p/v1', api_key: sk-upstream}"
      echo "  up-stream-$p: {type: openai-compatible, base_url: 'http://127.0.0.1:$p/stream/v1', api_key: sk-upstream}"
    done
    echo "routes:"
    echo "  bench:"
    echo "    deployments:"
    for p in $ports; do echo "      - {provider: up-$p, model: gpt-4o-mini}"; done
    echo "  bench-stream:"
    echo "    deployments:"
    for p in $ports; do echo "      - {provider: up-stream-$p, model: gpt-4o-mini}"; done
    # the store, journal and master key of this contender live beside its config, never in ./data
    local data="${file%.yaml}-data" c metering=false limits=false policy=false
    for c in "$@"; do
      case $c in metering) metering=true ;; limits) limits=true ;; policy) policy=true ;; esac
    done
    # without the policy control no pack is loaded (the default pack would otherwise run)
    [ "$policy" = true ] || echo "policy: {packs: []}"
    # GH_STORE_URL (this contender's) or BENCH_STORE_URL (every contender's, e.g. a PostgreSQL jdbc
    # URL) puts the store elsewhere; by default embedded H2
    echo "store: {url: '${GH_STORE_URL:-${BENCH_STORE_URL:-jdbc:h2:file:$data/db}}'}"
    echo "metering: {journal_dir: '$data/journal'}"
    echo "security: {master_key_file: '$data/master.key'}"
    echo "controls: {metering: $metering, limits: $limits}"
    for c in "$@"; do
      if [ -f "$BENCH/controls/$c.yaml" ]; then sed "s|@SHARED@|$(cd "$ROOT/.." && pwd)/shared|g" "$BENCH/controls/$c.yaml"; fi
    done
  } >"$file"
}

# start_gatehouse NAME PORT CONFIG
start_gatehouse() {
  local name=$1 port=$2 config=$3
  # shellcheck disable=SC2086
  local launch=(-jar "${BENCH_GATEHOUSE_JAR:-$ROOT/target/gatehouse.jar}")
  [ -n "${BENCH_GATEHOUSE_CP:-}" ] && launch=(-cp "$BENCH_GATEHOUSE_CP" dev.gatehouse.cli.Main)
  # the launcher's own JVM options first, so the benchmark runs the jar as ./gatehouse does
  start_bg "$name" "$CPU_CONTENDER" "$JAVA_HOME/bin/java" $(JAVA_HOME="$JAVA_HOME" "$ROOT/gatehouse" jvm-options) ${GATEHOUSE_JAVA_OPTS:-} "${launch[@]}" \
    serve --config "$config" --port "$port"
  local pidvar="PID_${name//-/_}"
  wait_ready "$name" "${!pidvar}" "http://127.0.0.1:$port/v1/models" -H "authorization: Bearer $GATEHOUSE_KEY"
}

# the network transport(s) the Gatehouse contenders said they listen on ("Gatehouse listening on URL (io_uring)")
gatehouse_transports() {
  sed -n 's/^Gatehouse listening on .* (\(.*\))$/\1/p' "$WORK"/gatehouse-*.log 2>/dev/null | sort -u | paste -sd/ -
}

# the URL, body and headers a contender is called with: contender_call NAME stream|json
contender_call() {
  local name=$1 kind=$2 path=/v1/chat/completions
  CALL_BODY=$BENCH/payloads/request.json
  [ "$kind" = stream ] && { CALL_BODY=$BENCH/payloads/request-stream.json; path=/stream/v1/chat/completions; }
  CALL_HEADERS=("authorization: Bearer sk-upstream")
  case $name in
    direct) CALL_URL=http://127.0.0.1:$PORT_UPSTREAM$path ;;
    nginx) CALL_URL=http://127.0.0.1:$PORT_NGINX$path ;;
    vertx-proxy) CALL_URL=http://127.0.0.1:$PORT_VERTX$path ;;
    portkey)
      CALL_URL=http://127.0.0.1:$PORT_PORTKEY/v1/chat/completions
      CALL_HEADERS+=("x-portkey-provider: openai" "x-portkey-custom-host: http://127.0.0.1:$PORT_UPSTREAM${path%/chat/completions}") ;;
    gatehouse-routing) CALL_URL=http://127.0.0.1:$PORT_GH_ROUTING/v1/chat/completions; CALL_HEADERS=("authorization: Bearer $GATEHOUSE_KEY") ;;
    gatehouse-full) CALL_URL=http://127.0.0.1:$PORT_GH_FULL/v1/chat/completions; CALL_HEADERS=("authorization: Bearer $GATEHOUSE_KEY") ;;
    gatehouse-full-pg) CALL_URL=http://127.0.0.1:$PORT_GH_FULL_PG/v1/chat/completions; CALL_HEADERS=("authorization: Bearer $GATEHOUSE_KEY") ;;
    *) die "unknown contender $name" ;;
  esac
}

# the contender's process (its peak RSS is the contender's memory)
contender_pid() {
  case $1 in
    direct) echo "" ;;
    nginx) echo "$PID_nginx" ;;
    vertx-proxy) echo "$PID_vertx_proxy" ;;
    portkey) echo "$PID_portkey" ;;
    gatehouse-routing) echo "$PID_gatehouse_routing" ;;
    gatehouse-full) echo "$PID_gatehouse_full" ;;
    gatehouse-full-pg) echo "$PID_gatehouse_full_pg" ;;
  esac
}

# every process whose CPU time the contender's requests cost: with PostgreSQL, the database's too
contender_cpu_pids() {
  case $1 in
    gatehouse-full-pg) echo "$PID_gatehouse_full_pg $PID_postgres" ;;
    *) contender_pid "$1" ;;
  esac
}
