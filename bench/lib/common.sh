# Helpers shared by bench/run.sh: logging, waiting, process accounting, starting pinned processes.
# shellcheck shell=bash

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

CLK_TCK=$(getconf CLK_TCK)
STARTED_PIDS=()

# start_bg NAME CPU CMD...: starts CMD pinned to CPU, logs to $WORK/NAME.log, sets $! into PID_<NAME>.
start_bg() {
  local name=$1 cpu=$2; shift 2
  taskset -c "$cpu" "$@" >"$WORK/$name.log" 2>&1 &
  local pid=$!
  STARTED_PIDS+=("$pid")
  printf -v "PID_${name//-/_}" '%s' "$pid"
}

# stops every process this run started, by its own id, then waits for them
stop_all() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  STARTED_PIDS=()
}

stop_one() {
  local pid=$1 keep=() p
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  for p in "${STARTED_PIDS[@]}"; do [ "$p" = "$pid" ] || keep+=("$p"); done
  STARTED_PIDS=("${keep[@]}")
}

# wait_ready NAME PID URL [curl args...]: until URL answers 200, failing fast if PID died.
wait_ready() {
  local name=$1 pid=$2 url=$3; shift 3
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$WORK/$name.log" >&2; die "$name exited during start (log above)"; }
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$@" "$url" 2>/dev/null)" = 200 ]; then return 0; fi
    sleep 0.1
  done
  tail -20 "$WORK/$name.log" >&2
  die "$name did not answer 200 at $url within 30 s"
}

# the process and its direct children (nginx's master and workers)
proc_tree() {
  local pid=$1
  echo "$pid"
  pgrep -P "$pid" 2>/dev/null || true
}

# user and system CPU ticks of process trees, as "USER SYSTEM": fields 14 and 15 of /proc/PID/stat
# (after the comm), plus 16 and 17, those of the children each process reaped: cpu_ticks PID...
cpu_ticks() {
  local user=0 sys=0 p stat rest root
  for p in $(for root in "$@"; do proc_tree "$root"; done); do
    stat=$(cat "/proc/$p/stat" 2>/dev/null) || continue
    rest=${stat##*) }
    # shellcheck disable=SC2086
    set -- $rest
    # a process's own time plus that of its children it reaped (cutime, cstime): PostgreSQL's
    # autovacuum workers and recycled backends exit during a run, and their time must not vanish
    user=$((user + ${12} + ${14})); sys=$((sys + ${13} + ${15}))
  done
  echo "$user $sys"
}

# summed VmHWM (kB) of a process tree
peak_rss_kib() {
  local total=0 p v
  for p in $(proc_tree "$1"); do
    v=$(awk '/^VmHWM:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

# the seconds a JVM's JIT compilers have worked so far (jstat -compiler's Time), or nothing when PID
# is not a JVM the JDK's jstat can read
jit_seconds() {
  [ -n "${1:-}" ] || return 0
  # jstat reads the JVM's perf-data file; its own JVM runs on the load generator's core
  taskset -c "${CPU_LOAD:-0}" "$JAVA_HOME/bin/jstat" -compiler "$1" 2>/dev/null | awk 'NR == 2 {print $4}' || true
}

# fails when PORT is bound on anything but 127.0.0.1
assert_loopback_only() {
  local name=$1 port=$2 lines
  lines=$(ss -Hltn "sport = :$port" 2>/dev/null | awk '{print $4}')
  [ -n "$lines" ] || die "$name: nothing listens on port $port"
  if echo "$lines" | grep -Eqv "^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):$port\$"; then
    die "$name listens beyond 127.0.0.1 on port $port: $(echo "$lines" | tr '\n' ' ')"
  fi
}

# kv KEY LINE: the value of key=value in LINE
kv() { echo "$2" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k {print $2; exit}'; }
