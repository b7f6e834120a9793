# Building what the bench scripts run: a JDK 21+, the gateway jar and the load generator, each
# rebuilt when its sources are newer; and the load generator's launcher.
# Needs BENCH, ROOT and (for loadgen) CPU_LOAD; sets JAVA_HOME and LOADGEN_CP.
# shellcheck shell=bash

find_jdk() {
  local d
  for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$d" ] && [ -x "$d/bin/javac" ] || continue
    if [ "$("$d/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1)" -ge 21 ]; then
      echo "$d"; return
    fi
  done
  die "needs a JDK 21 or newer"
}

build() {
  export JAVA_HOME; JAVA_HOME=$(find_jdk)
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  local jar=$ROOT/target/gatehouse.jar
  if [ -n "${BENCH_GATEHOUSE_CP:-}" ]; then
    log "running Gatehouse from the classpath in BENCH_GATEHOUSE_CP"
  elif [ ! -f "$jar" ] || [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$jar" -print -quit)" ]; then
    log "building the gateway jar"
    (cd "$ROOT" && ./mvnw -q -B -DskipTests package) >&2 || die "gateway build failed"
  fi
  local lg=$BENCH/loadgen
  if [ ! -f "$lg/target/classpath.txt" ] || [ -n "$(find "$lg/src" "$lg/pom.xml" -newer "$lg/target/classpath.txt" -print -quit)" ]; then
    log "building the load generator"
    (cd "$ROOT" && ./mvnw -q -B -f bench/loadgen/pom.xml package dependency:build-classpath \
        -Dmdep.outputFile=target/classpath.txt) >&2 || die "load generator build failed"
    touch "$lg/target/classpath.txt"
  fi
  LOADGEN_CP="$lg/target/classes:$(cat "$lg/target/classpath.txt")"
}

# the load generator's JVM flags (run.sh adds to them for its smoke mode); Netty's native transport
# needs the same two permissions as the gateway's launcher gives it
LOADGEN_JAVA_OPTS="-XX:+UseParallelGC -Xms256m --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
# and for a fixed-rate run, which counts latency from each request's intended start, so that the
# generator's own pauses count as nobody's: C1 only (with C2 it was still compiling for 0.3-1.9 s of
# every measured 8 s, on the core it shares with the upstream, and direct access's p99 at 5,000 req/s
# was 2-3.6 ms; with C1 alone 0.3 ms), and a young generation no run fills, touched in advance, so
# that no collection and no page fault falls in the window
LOADGEN_RATE_JAVA_OPTS="-XX:TieredStopAtLevel=1 -Xms1536m -Xmn1g -XX:+AlwaysPreTouch"
loadgen() {
  local opts=$LOADGEN_JAVA_OPTS
  [ "$1" = rate ] && opts="$opts $LOADGEN_RATE_JAVA_OPTS"
  # shellcheck disable=SC2086
  taskset -c "$CPU_LOAD" "$JAVA_HOME/bin/java" $opts -cp "$LOADGEN_CP" dev.gatehouse.bench.loadgen.Main "$@"
}
