# PostgreSQL for the 'gatehouse-full-pg' contender: a throwaway cluster from Debian's server
# package, default settings, on 127.0.0.1, pinned to the contender's core: Gatehouse and its
# database share the one core every contender gets.
# shellcheck shell=bash

pg_bin() { # the newest installed server's bin directory, or nothing
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

# start_postgres PORT: sets PG_URL (a jdbc URL) and PID_postgres (the postmaster)
start_postgres() {
  local port=$1 bin dir as=()
  bin=$(pg_bin) || die "PostgreSQL's server is not installed (apt-get install -y postgresql)"
  # initdb refuses to run as root: the cluster belongs to the postgres user then, in a directory it may enter
  dir=$(mktemp -d /tmp/gatehouse-bench-pg.XXXXXX)
  PG_DIR=$dir
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root needs the postgres user (made by Debian's postgresql package)"
    chown postgres "$dir"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U gatehouse --auth=trust -E UTF8 >"$WORK/postgres-initdb.log" 2>&1 \
    || { cat "$WORK/postgres-initdb.log" >&2; die "initdb failed"; }
  start_bg postgres-launcher "$CPU_CONTENDER" "${as[@]}" "$bin/postgres" -D "$dir/data" -p "$port" \
    -c listen_addresses=127.0.0.1 -c unix_socket_directories="$dir"
  local _
  for _ in $(seq 1 100); do [ -s "$dir/data/postmaster.pid" ] && break; sleep 0.1; done
  PID_postgres=$(head -1 "$dir/data/postmaster.pid" 2>/dev/null)
  [ -n "$PID_postgres" ] || { cat "$WORK/postgres-launcher.log" >&2; die "PostgreSQL did not start"; }
  STARTED_PIDS+=("$PID_postgres") # stopped by its own id: the launcher (runuser) does not pass signals on
  for _ in $(seq 1 100); do "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break; sleep 0.1; done
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || die "PostgreSQL does not accept connections on port $port"
  PG_URL="jdbc:postgresql://127.0.0.1:$port/postgres?user=gatehouse"
  PG_VERSION=$("$bin/postgres" --version | awk '{print $NF}')
}

stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  [ -n "${PID_postgres:-}" ] && stop_one "$PID_postgres"
  rm -rf "$PG_DIR"
  PG_DIR=""
}
